package io.hwnas.spark.cli;

import io.hwnas.arch.ArchitectureJson;
import io.hwnas.arch.zoo.ReferenceNetworks;
import io.hwnas.space.SpaceKinds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How every command fails: one line on stderr ({@code hwnas: <message>}) naming what was wrong, exit
 * code 2 for bad input and 1 for other failures; {@code --verbose} (before or after the subcommand)
 * adds the stack trace.
 */
class CliErrorsTest {

    @TempDir
    Path tmp;

    static void assertOneLine(CostCommandsTest.Run r, int code, String... fragments) {
        assertEquals(code, r.code(), r.out() + r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("hwnas: "), r.err());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "'" + f + "' missing from: " + r.err());
        }
    }

    @Test
    void badInputIsOneLineNamingTheFileFieldAndValue() throws Exception {
        assertOneLine(CostCommandsTest.run("sweep", tmp.resolve("missing.yaml").toString()), HwnasCli.BAD_INPUT,
                "missing.yaml", "no such config file");

        Path malformed = Files.writeString(tmp.resolve("malformed.yaml"), "name: x\n  seed: [1\n");
        assertOneLine(CostCommandsTest.run("sweep", malformed.toString()), HwnasCli.BAD_INPUT,
                "malformed.yaml", "malformed YAML", "line 2, column 7");

        Path unknownType = Files.writeString(tmp.resolve("type.yaml"), "name: x\nseed: 1\ncandidates: 2\nspace: {type: foo}\n");
        assertOneLine(CostCommandsTest.run("sweep", unknownType.toString()), HwnasCli.BAD_INPUT,
                "field 'space.type' = 'foo' is not a known type (allowed: " + String.join(", ", SpaceKinds.types()) + ")",
                "(allowed: activation, actnas, ");

        Path quickstart = repoFile("examples/quickstart.yaml");
        Path badDevice = Files.writeString(tmp.resolve("device.yaml"),
                Files.readString(quickstart).replace("devices: [host-cpu, ethos-u55-128]", "devices: [tpu-v9]"));
        assertOneLine(CostCommandsTest.run("sweep", badDevice.toString()), HwnasCli.BAD_INPUT,
                "field 'devices' contains 'tpu-v9'", "ethos-u55-128");
        Path badField = Files.writeString(tmp.resolve("field.yaml"),
                Files.readString(quickstart).replace("epochs: 1", "epochs: -1"));
        assertOneLine(CostCommandsTest.run("sweep", badField.toString()), HwnasCli.BAD_INPUT,
                "field.yaml: field 'training.epochs' = -1 must be in 0..1000");

        assertOneLine(CostCommandsTest.run("export", tmp.resolve("no-run").toString()), HwnasCli.BAD_INPUT,
                "RUN_DIR", "no-run", "does not exist");

        Path badJson = Files.writeString(tmp.resolve("net.json"), "{\"name\": \"x\", \"input\": [1, 2");
        assertOneLine(CostCommandsTest.run("collapse", badJson.toString()), HwnasCli.BAD_INPUT, "ARCH", "net.json");
        Path unclosed = Files.writeString(tmp.resolve("unclosed.json"), "{\"name\": \"x\",\n\"nodes\": [\n");
        assertOneLine(CostCommandsTest.run("collapse", unclosed.toString()), HwnasCli.BAD_INPUT, "ARCH", "unclosed.json");
        assertOneLine(CostCommandsTest.run("collapse", "alexnet"), HwnasCli.BAD_INPUT, "ARCH 'alexnet'", "resnet18_mini");
        assertOneLine(CostCommandsTest.run("collapse", tmp.resolve("absent.json").toString()), HwnasCli.BAD_INPUT,
                "absent.json", "no such file");
        assertOneLine(CostCommandsTest.run("collapse", "resnet18_mini", "--check-batch", "-1"), HwnasCli.BAD_INPUT,
                "option '--check-batch' = -1");
    }

    /** Inputs that used to run (a duplicate key, an unsatisfiable bound), fail late or print first. */
    @Test
    void badInputIsRefusedBeforeAnythingIsPrintedOrWritten() throws Exception {
        Path quickstart = repoFile("examples/quickstart.yaml");
        Path runs = tmp.resolve("runs");
        String sweep = Files.readString(quickstart).replaceFirst("(?m)^output: .*$", "output: " + runs);
        Path duplicate = Files.writeString(tmp.resolve("duplicate.yaml"), sweep + "seed: 7\n");
        assertOneLine(CostCommandsTest.run("sweep", duplicate.toString()), HwnasCli.BAD_INPUT,
                "duplicate.yaml", "Duplicate field 'seed'");
        Path negative = Files.writeString(tmp.resolve("negative.yaml"), sweep.replaceFirst("(?m)^candidates: 8$",
                "search: {evaluations: 8, constraints: [{metric: latency_ms_host_cpu, max: -5}]}"));
        assertOneLine(CostCommandsTest.run("sweep", negative.toString()), HwnasCli.BAD_INPUT,
                "'search.constraints[0].max' = -5.0", "latency_ms_host_cpu", "never negative");

        Path valid = Files.writeString(tmp.resolve("valid.yaml"), sweep);
        assertOneLine(CostCommandsTest.run("sweep", valid.toString(), "--reuse", tmp.resolve("absent").toString()),
                HwnasCli.BAD_INPUT, "option '--reuse' = '" + tmp.resolve("absent") + "': no such directory");
        assertFalse(Files.exists(runs), "a refused --reuse left a run directory behind");

        Path aFile = Files.writeString(tmp.resolve("a-file"), "x");
        for (String[] output : new String[][] {{"gs://bucket/runs", "no Hadoop FileSystem for scheme 'gs'", "allowed: file, hdfs"},
                {"hdfs://no-such-host.invalid:8020/runs", "host 'no-such-host.invalid' does not resolve"},
                {aFile.resolve("runs").toString(), aFile + " is a file, not a directory"}}) {
            Path config = Files.writeString(tmp.resolve("output.yaml"), sweep.replace("output: " + runs,
                    "output: " + output[0]));
            String[] fragments = Arrays.copyOf(output, output.length);
            fragments[0] = "field 'output' = '" + output[0] + "'";
            assertOneLine(CostCommandsTest.run("sweep", config.toString()), HwnasCli.BAD_INPUT, fragments);
        }

        Path notARun = Files.createDirectories(tmp.resolve("not-a-run"));
        assertOneLine(CostCommandsTest.run("resume", notARun.toString()), HwnasCli.BAD_INPUT,
                "no interrupted run at '" + notARun + "'");

        CostCommandsTest.Run estimate = CostCommandsTest.run("estimate", "resnet18_mini", "-d", "host-cpu", "-d", "tpu-v9");
        assertOneLine(estimate, HwnasCli.BAD_INPUT, "'tpu-v9'");
        assertEquals("", estimate.out(), "nothing is printed before the error");

        String net = ArchitectureJson.write(ReferenceNetworks.byName("resnet18_mini"));
        Path badKernel = Files.writeString(tmp.resolve("kernel.json"), net.replaceFirst("\"kernel\" ?: ?\\[ ?3",
                "\"kernel\": [0"));
        assertOneLine(CostCommandsTest.run("estimate", badKernel.toString(), "-d", "host-cpu"), HwnasCli.BAD_INPUT,
                "nodes[0]", "(node 'conv1')", "'kernel' = 0x3");
    }

    @Test
    void verboseAddsTheStackTraceBeforeOrAfterTheSubcommand() {
        String missing = tmp.resolve("missing.yaml").toString();
        for (String[] args : new String[][] {{"--verbose", "sweep", missing}, {"sweep", missing, "-v"},
                {"sweep", "--verbose", missing}}) {
            CostCommandsTest.Run r = CostCommandsTest.run(args);
            assertEquals(HwnasCli.BAD_INPUT, r.code(), r.err());
            assertTrue(r.err().startsWith("hwnas: " + missing + ": no such config file"), r.err());
            assertTrue(r.err().contains("io.hwnas.spark.config.ConfigException"), r.err());
            assertTrue(r.err().contains("\tat io.hwnas.spark.config.SweepConfigLoader.read"), r.err());
            assertTrue(r.err().contains("Caused by: java.nio.file.NoSuchFileException"), r.err());
        }
    }

    /** A failure that is not bad input: the output file cannot be created because its "directory" is a file. */
    @Test
    void otherFailuresExitOneWithTheCauseOnTheSameLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        String out = file.resolve("deployed.json").toString();
        CostCommandsTest.Run r = CostCommandsTest.run("collapse", "resnet18_mini", "--check-batch", "0", "--out", out);
        assertOneLine(r, HwnasCli.FAILURE, "cannot write " + out, "file already exists: " + file);
        assertFalse(r.err().contains("\tat "), r.err());

        CostCommandsTest.Run verbose = CostCommandsTest.run("-v", "collapse", "resnet18_mini", "--check-batch", "0",
                "--out", out);
        assertEquals(HwnasCli.FAILURE, verbose.code());
        assertTrue(verbose.err().lines().findFirst().orElseThrow().startsWith("hwnas: cannot write " + out), verbose.err());
        assertTrue(verbose.err().contains("java.io.UncheckedIOException") && verbose.err().contains("\tat "), verbose.err());
    }

    @Test
    void usageErrorsAreOneLineWithWhereTheUsageIs() {
        assertOneLine(CostCommandsTest.run("sweep", "--bogus", "x.yaml"), HwnasCli.BAD_INPUT,
                "Unknown option: '--bogus'", "(usage: hwnas sweep --help)");
        assertOneLine(CostCommandsTest.run("collapse"), HwnasCli.BAD_INPUT, "Missing required parameter: 'ARCH'",
                "(usage: hwnas collapse --help)");
        assertOneLine(CostCommandsTest.run("collapse", "resnet18_mini", "--policy", "fast"), HwnasCli.BAD_INPUT,
                "'fast'", "exact, deployment");
        assertOneLine(CostCommandsTest.run("colapse", "resnet18_mini"), HwnasCli.BAD_INPUT, "'colapse'",
                "did you mean collapse?", "(usage: hwnas --help)");
        assertOneLine(CostCommandsTest.run("estimate", "resnet18_mini", "--device"), HwnasCli.BAD_INPUT, "--device");
    }

    @Test
    void messagesAreCollapsedToOneLineWithTheirCauses() {
        assertEquals("a b c", ErrorMessage.oneLine(new IllegalStateException("a\n  b\r\nc\n"), false));
        String spark = "Job aborted due to stage failure: Task 0 failed: java.lang.IllegalStateException: boom\n"
                + "\tat io.hwnas.Foo.bar(Foo.java:12)\n\tat io.hwnas.Foo.baz(Foo.java:3)\n\t... 4 more\n\nDriver stacktrace:\n"
                + "\tat org.apache.spark.Sched.run(Sched.scala:1)\n";
        assertEquals("Job aborted due to stage failure: Task 0 failed: java.lang.IllegalStateException: boom",
                ErrorMessage.oneLine(new RuntimeException(spark), true));
        UncheckedIOException io = new UncheckedIOException("cannot write /x/y", new NoSuchFileException("/x/y.tmp"));
        assertEquals("cannot write /x/y: no such file: /x/y.tmp", ErrorMessage.oneLine(io, true));
        assertEquals("cannot write /x/y", ErrorMessage.oneLine(io, false));
        // a cause already quoted in the message is not repeated
        IOException cause = new IOException("disk full");
        assertEquals("cannot write x (disk full)",
                ErrorMessage.oneLine(new UncheckedIOException("cannot write x (disk full)", cause), true));
        assertEquals("NullPointerException", ErrorMessage.oneLine(new NullPointerException(), true));
    }

    @Test
    void estimateStillReadsArchitectureFilesThroughTheSharedSource() throws Exception {
        Path arch = Files.writeString(tmp.resolve("mini.json"),
                ArchitectureJson.writePretty(ReferenceNetworks.byName("resnet18_mini")));
        CostCommandsTest.Run r = CostCommandsTest.run("estimate", arch.toString(), "-d", "host-cpu", "--totals-only");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("resnet18_mini: "), r.out());
        assertOneLine(CostCommandsTest.run("estimate", "resnet18_mini", "-d", "host-cpu", "--input", "1x28"),
                HwnasCli.BAD_INPUT, "option '--input' = '1x28'", "CxHxW");
    }

    /** A file of the repository (tests run in spark-jobs/). */
    static Path repoFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
