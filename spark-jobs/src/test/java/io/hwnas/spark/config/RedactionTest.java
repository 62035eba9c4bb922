package io.hwnas.spark.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.hwnas.io.Mappers;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RedactionTest {
    private static final String R = "\"" + Redaction.REPLACEMENT + "\"";
    private final Redaction defaults = Redaction.of(new SparkConf(false));

    @Test
    void blockFlowAndAssignmentValuesOfSecretKeysAreHiddenAndTheRestKept() throws Exception {
        String yaml = """
                name: s   # spark.hadoop.fs.s3a.secret.key stays a comment
                spark:
                  spark.hadoop.fs.s3a.secret.key: abc/def   # hidden
                  'spark.ssl.keyPassword': "p w"
                  spark.authenticate.secret: x
                  spark.hadoop.fs.s3a.endpoint: http://s3:9000
                data: {path: /d, token: t0k3n, trainSamples: 20}
                args: ["--conf", "spark.hadoop.fs.s3a.access.key=AKIA1", "spark.master=local"]
                """;
        String expected = """
                name: s   # spark.hadoop.fs.s3a.secret.key stays a comment
                spark:
                  spark.hadoop.fs.s3a.secret.key: %1$s   # hidden
                  'spark.ssl.keyPassword': %1$s
                  spark.authenticate.secret: %1$s
                  spark.hadoop.fs.s3a.endpoint: http://s3:9000
                data: {path: /d, token: %1$s, trainSamples: 20}
                args: ["--conf", "spark.hadoop.fs.s3a.access.key=%2$s", "spark.master=local"]
                """.formatted(R, Redaction.REPLACEMENT);
        assertEquals(expected, defaults.text(yaml));
        assertEquals(expected, defaults.text(expected), "redacting twice changes nothing");
        // still YAML, with the marker as a string
        assertEquals(Redaction.REPLACEMENT, Mappers.strictYaml().readTree(defaults.text(yaml))
                .path("spark").path("spark.authenticate.secret").asText());
    }

    /** Quoted values holding " #", block scalars and folded scalars: nothing of the secret may stay. */
    @Test
    void secretsInEveryScalarStyleAreHiddenWhole() throws Exception {
        String yaml = """
                spark:
                  spark.hadoop.fs.s3a.secret.key: 'abc #def'   # quoted, with a hash
                  spark.ssl.keyPassword: |
                    line1secret

                    line2secret
                  spark.authenticate.secret: >-
                    folded1secret
                    folded2secret
                  spark.ssl.trustStorePassword: plain1secret
                    plain2secret
                  spark.app.name: |
                    kept
                data: {trainSamples: 20}
                """;
        String redacted = defaults.text(yaml);
        for (String part : new String[] {"abc", "def", "line1", "line2", "folded1", "folded2", "plain1", "plain2"}) {
            assertFalse(redacted.contains(part), part + " left in:\n" + redacted);
        }
        assertEquals("""
                spark:
                  spark.hadoop.fs.s3a.secret.key: %1$s   # quoted, with a hash
                  spark.ssl.keyPassword: %1$s
                  spark.authenticate.secret: %1$s
                  spark.ssl.trustStorePassword: %1$s
                  spark.app.name: |
                    kept
                data: {trainSamples: 20}
                """.formatted(R), redacted);
        JsonNode tree = Mappers.strictYaml().readTree(redacted);
        assertEquals("kept\n", tree.path("spark").path("spark.app.name").asText());
        assertEquals(20, tree.path("data").path("trainSamples").asInt());
    }

    @Test
    void theApplicationsRegexDecides() {
        Redaction custom = Redaction.of(new SparkConf(false).set(Redaction.REGEX_KEY, "(?i)endpoint"));
        assertEquals("a:\n  fs.s3a.endpoint: " + R + "\n  fs.s3a.secret.key: k\n",
                custom.text("a:\n  fs.s3a.endpoint: http://e\n  fs.s3a.secret.key: k\n"));
    }

    /**
     * A nightly run compares its config with an interrupted night's journal before Spark starts (a
     * {@code -Dspark.redaction.regex} would come first: not set here, as it would reach every SparkConf of the JVM).
     */
    @Test
    void beforeTheSessionTheConfigsSectionDecides() {
        String yaml = "a:\n  fs.s3a.endpoint: http://e\n  fs.s3a.secret.key: k\n";
        assertEquals("a:\n  fs.s3a.endpoint: " + R + "\n  fs.s3a.secret.key: k\n",
                Redaction.beforeSession(Map.of(Redaction.REGEX_KEY, "(?i)endpoint")).text(yaml));
        assertEquals(defaults.text(yaml), Redaction.beforeSession(Map.of()).text(yaml));
    }

    @Test
    void jsonTreesAreRedactedAtAnyDepthWithoutChangingTheOriginal() throws Exception {
        JsonNode tree = Mappers.json().readTree("""
                {"spark": {"spark.hadoop.fs.s3a.secret.key": "s", "spark.app.name": "n"},
                 "list": [{"password": 3}, "x.token=abc"], "nested": {"secret": {"a": 1}}}""");
        JsonNode redacted = defaults.json(tree);
        assertEquals(Redaction.REPLACEMENT, redacted.path("spark").path("spark.hadoop.fs.s3a.secret.key").asText());
        assertEquals("n", redacted.path("spark").path("spark.app.name").asText());
        assertEquals(Redaction.REPLACEMENT, redacted.path("list").path(0).path("password").asText());
        assertEquals("x.token=" + Redaction.REPLACEMENT, redacted.path("list").path(1).asText());
        assertEquals(1, redacted.path("nested").path("secret").path("a").asInt(), "an object under a secret key is walked");
        assertEquals("s", tree.path("spark").path("spark.hadoop.fs.s3a.secret.key").asText());
    }
}
