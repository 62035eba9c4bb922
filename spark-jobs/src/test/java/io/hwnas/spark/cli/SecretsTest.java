package io.hwnas.spark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.hwnas.io.Mappers;
import io.hwnas.spark.SmallSweeps;
import io.hwnas.spark.config.Redaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * S3 credentials planted in a config's spark section reach the sweep's Spark session (its event log lists the
 * endpoint) and no file of the run: not run.json, the journal's sweep.yaml, the report, the results, nor Spark's
 * own event log.
 */
class SecretsTest {
    private static final String ACCESS_KEY = "AKIAPLANTEDACCESS4242";
    private static final String SECRET_KEY = "planted/Secret+Value0123456789";

    @TempDir
    Path tmp;

    @Test
    void plantedCredentialsAppearInNoFileOfTheRun() throws Exception {
        Path events = Files.createDirectories(tmp.resolve("events"));
        Path config = SmallSweeps.tabular(tmp, "secrets", """
                spark:
                  spark.hadoop.fs.s3a.endpoint: http://planted-endpoint.invalid:9000
                  spark.hadoop.fs.s3a.access.key: %s   # the key id is a secret too
                  "spark.hadoop.fs.s3a.secret.key": '%s'
                  spark.eventLog.enabled: 'true'
                  spark.eventLog.dir: %s
                """.formatted(ACCESS_KEY, SECRET_KEY, events.toUri()));

        CostCommandsTest.Run r = CostCommandsTest.run("sweep", "--master", "local[1]", config.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertNowhere(r.out() + r.err(), "the command's output");

        Path run;
        try (Stream<Path> runs = Files.list(tmp.resolve("runs"))) {
            run = runs.findFirst().orElseThrow();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Stream.concat(Files.walk(run), Files.walk(events))) {
            all.filter(Files::isRegularFile).forEach(files::add);
        }
        for (String expected : List.of("run.json", "sweep.yaml", "results.csv", "report/index.html")) {
            assertTrue(files.contains(run.resolve(expected)), expected + " in " + files);
        }
        assertTrue(files.stream().anyMatch(f -> f.startsWith(events)), "Spark wrote an event log: the section was applied");
        for (Path f : files) {
            assertNowhere(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1), f.toString());
        }
        String eventLog = Files.readString(files.stream().filter(f -> f.startsWith(events)).findFirst().orElseThrow());
        assertTrue(eventLog.contains("planted-endpoint.invalid"), "the session has the config's settings");

        JsonNode provenance = Mappers.json().readTree(run.resolve("run.json").toFile());
        JsonNode settings = provenance.path("config").path("spark");
        assertEquals(Redaction.REPLACEMENT, settings.path("spark.hadoop.fs.s3a.secret.key").asText(), settings.toString());
        assertEquals(Redaction.REPLACEMENT, settings.path("spark.hadoop.fs.s3a.access.key").asText(), settings.toString());
        assertEquals("http://planted-endpoint.invalid:9000", settings.path("spark.hadoop.fs.s3a.endpoint").asText());
        String text = provenance.path("configText").asText();
        assertTrue(text.contains("spark.hadoop.fs.s3a.access.key: \"" + Redaction.REPLACEMENT
                + "\"   # the key id is a secret too"), text);
        assertEquals(text, Files.readString(run.resolve("sweep.yaml")), "the journal holds the same redacted text");
    }

    private static void assertNowhere(String content, String where) {
        assertFalse(content.contains(SECRET_KEY), "secret key in " + where);
        assertFalse(content.contains(ACCESS_KEY), "access key in " + where);
    }
}
