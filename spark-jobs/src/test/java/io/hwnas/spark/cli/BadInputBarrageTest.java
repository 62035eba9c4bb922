package io.hwnas.spark.cli;

import io.hwnas.arch.ArchitectureJson;
import io.hwnas.arch.zoo.ReferenceNetworks;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new user's mistakes, across every command, every section of a sweep config, HANT configs, architecture files,
 * device profiles and tabular tables. Each must be refused the same way: exit 2, exactly one {@code hwnas: } line
 * on stderr naming the field (or node, or option) and the value, no stack trace, nothing on stdout before it, and
 * nothing written: no new, removed or changed file or directory, hidden or visible, anywhere under the case's
 * directory (where every config sends its output).
 */
class BadInputBarrageTest {

    /**
     * One bad input.
     *
     * @param args the command line, given the case's directory (inputs are written there first)
     * @param fragments what the one line must contain: the field, node or option, and the value
     */
    record Case(String name, Function<Path, String[]> args, List<String> fragments) {
        @Override
        public String toString() {
            return name;
        }
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedInOneLineWithNothingWritten(Case c) throws IOException {
        String[] args = c.args().apply(dir);
        List<String> before = tree(dir);
        CostCommandsTest.Run r = CostCommandsTest.run(args);
        String err = r.err().strip();
        assertEquals(HwnasCli.BAD_INPUT, r.code(), "exit code; stderr: " + err + "; stdout: " + r.out());
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("hwnas: "), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception:"), "a stack trace or exception name: " + err);
        for (String f : c.fragments()) {
            assertTrue(err.contains(f), "'" + f + "' missing from: " + err);
        }
        assertEquals("", r.out(), "printed before the error");
        assertEquals(before, tree(dir), "files written although the input was refused");
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.addAll(sweepConfigs());
        cases.addAll(commandLines());
        cases.addAll(architectures());
        cases.addAll(deviceProfiles());
        cases.addAll(tabularTables());
        cases.addAll(hantConfigs());
        return cases.stream();
    }

    // ---- sweep configs: every section of examples/quickstart.yaml broken one way at a time

    private static List<Case> sweepConfigs() {
        List<Case> c = new ArrayList<>();
        // top level
        c.add(sweep("empty name", "name: quickstart", "name: ''", "name"));
        c.add(sweep("seed not a number", "seed: 42", "seed: abc", "seed", "abc"));
        c.add(sweep("seed a fraction", "seed: 42", "seed: 4.2", "seed", "4.2"));
        c.add(sweep("no candidates", "candidates: 8", "candidates: 0", "candidates", "0"));
        c.add(sweep("unknown key", "seed: 42", "seed: 42\ncolour: red", "colour"));
        c.add(sweep("key given twice", "seed: 42", "seed: 42\nseed: 7", "seed"));
        c.add(new Case("malformed YAML", d -> new String[] {"sweep", write(d, "bad.yaml", "name: x\n  seed: [1\n")},
                List.of("bad.yaml", "line 2")));
        c.add(new Case("empty config", d -> new String[] {"sweep", write(d, "empty.yaml", "")},
                List.of("empty.yaml", "empty")));
        c.add(new Case("a list, not a config", d -> new String[] {"sweep", write(d, "list.yaml", "- a\n- b\n")},
                List.of("list.yaml")));
        c.add(new Case("missing config file", d -> new String[] {"sweep", d.resolve("absent.yaml").toString()},
                List.of("absent.yaml", "no such config file")));
        // space
        c.add(sweep("unknown space type", "type: activation", "type: foo", "space.type", "foo", "activation"));
        c.add(sweep("no space type", "  type: activation\n", "", "space.type"));
        c.add(sweep("zero input channels", "input: {channels: 1,", "input: {channels: 0,", "channels", "0"));
        c.add(sweep("one class", "classes: 10", "classes: 1", "classes", "1"));
        c.add(sweep("no stages", "  stages:\n    - {channels: 16, convs: 1, kernel: 3, pool: max}\n"
                + "    - {channels: 32, convs: 1, kernel: 3, pool: max}", "  stages: []", "stages"));
        c.add(sweep("negative stage channels", "{channels: 16, convs", "{channels: -16, convs", "channels", "-16"));
        c.add(sweep("zero kernel", "convs: 1, kernel: 3, pool: max}\n    - {channels: 32",
                "convs: 1, kernel: 0, pool: max}\n    - {channels: 32", "kernel", "0"));
        c.add(sweep("unknown pooling", "kernel: 3, pool: max}\n  head", "kernel: 3, pool: median}\n  head",
                "pool", "median"));
        c.add(sweep("unknown head", "head: flatten", "head: gap", "head", "gap"));
        c.add(sweep("unknown activation", "leaky_relu]", "tanhh]", "tanhh"));
        c.add(sweep("zero width multiplier", "widthMultipliers: [0.5, 1.0]", "widthMultipliers: [0, 1.0]",
                "widthMultipliers", "0"));
        c.add(sweep("huge width multiplier", "widthMultipliers: [0.5, 1.0]", "widthMultipliers: [0.5, 9.0]",
                "widthMultipliers", "9.0"));
        c.add(sweep("unknown space key", "  head: flatten", "  head: flatten\n  depth: 3", "depth"));
        // data
        c.add(sweep("missing dataset directory", "path: /usr/share/datasets/fashion-mnist",
                "path: /no/such/dataset", "data.path", "/no/such/dataset"));
        c.add(new Case("dataset path is a file", d -> {
            String file = write(d, "not-a-dataset", "x");
            return new String[] {"sweep", sweepFile(d, "path: /usr/share/datasets/fashion-mnist", "path: " + file)};
        }, List.of("data.path", "not-a-dataset")));
        // gs: no connector here (hadoop-aws is on the test class path, so s3a has one)
        c.add(sweep("dataset on a scheme without a connector", "path: /usr/share/datasets/fashion-mnist",
                "path: gs://bucket/fashion-mnist", "data.path", "gs://bucket/fashion-mnist"));
        c.add(sweep("negative training samples", "trainSamples: 2000", "trainSamples: -5", "trainSamples", "-5"));
        c.add(sweep("more training samples than the file", "trainSamples: 2000", "trainSamples: 70000",
                "trainSamples", "70000"));
        c.add(sweep("zero validation samples", "validationSamples: 1000", "validationSamples: 0",
                "validationSamples", "0"));
        c.add(sweep("unknown data key", "  trainSamples: 2000", "  trainSamples: 2000\n  augment: true", "augment"));
        // training
        c.add(sweep("negative epochs", "epochs: 1", "epochs: -1", "epochs", "-1"));
        c.add(sweep("fractional epochs", "epochs: 1", "epochs: 1.5", "epochs", "1.5"));
        c.add(sweep("zero batch size", "  batchSize: 32", "  batchSize: 0", "batchSize", "0"));
        c.add(sweep("negative learning rate", "learningRate: 0.002", "learningRate: -0.1", "learningRate", "-0.1"));
        c.add(sweep("learning rate a word", "learningRate: 0.002", "learningRate: fast", "learningRate", "fast"));
        c.add(sweep("zero repeats", "  learningRate: 0.002", "  learningRate: 0.002\n  repeats: 0", "training.repeats", "0"));
        c.add(sweep("fractional repeats", "  learningRate: 0.002", "  learningRate: 0.002\n  repeats: 2.5", "repeats", "2.5"));
        // search
        c.add(sweep("unknown strategy", "candidates: 8", "search: {evaluations: 8, strategy: {type: annealing}}",
                "strategy", "annealing"));
        c.add(sweep("zero evaluations", "candidates: 8", "search: {evaluations: 0}", "evaluations", "0"));
        c.add(sweep("unknown objective metric", "candidates: 8",
                "search: {evaluations: 8, objectives: [{maximize: speed}]}", "speed"));
        c.add(sweep("objective without direction", "candidates: 8",
                "search: {evaluations: 8, objectives: [{metric: accuracy}]}", "objectives"));
        c.add(sweep("negative latency bound", "candidates: 8",
                "search: {evaluations: 8, constraints: [{metric: latency_ms_host_cpu, max: -5}]}",
                "search.constraints[0].max", "-5"));
        c.add(sweep("constraint on an unknown metric", "candidates: 8",
                "search: {evaluations: 8, constraints: [{metric: latency_ms_tpu, max: 5}]}", "latency_ms_tpu"));
        c.add(sweep("reference of an unknown metric", "candidates: 8",
                "search: {evaluations: 8, reference: {joules: 1.0}}", "joules"));
        // proxies
        c.add(sweep("unknown proxy", "devices:", "proxies: {names: [magic]}\ndevices:", "magic"));
        c.add(sweep("zero proxy batch", "devices:", "proxies: {names: [naswot], batchSize: 0}\ndevices:",
                "batchSize", "0"));
        // devices
        c.add(sweep("unknown device", "devices: [host-cpu, ethos-u55-128]", "devices: [tpu-v9]", "devices", "tpu-v9"));
        c.add(sweep("no devices", "devices: [host-cpu, ethos-u55-128]", "devices: []", "devices"));
        c.add(sweep("missing latency table", "devices: [host-cpu, ethos-u55-128]", "devices: ['lut:/no/such.csv']",
                "devices", "/no/such.csv"));
        c.add(sweep("device given twice", "devices: [host-cpu, ethos-u55-128]", "devices: [host-cpu, host-cpu]",
                "devices", "host-cpu"));
        c.add(sweep("unknown quantization", "name: quickstart", "name: quickstart\nquantization: fp8", "quantization",
                "fp8", "none, int8"));
        // execution
        c.add(sweep("zero candidates per task", "candidatesPerTask: 1", "candidatesPerTask: 0",
                "candidatesPerTask", "0"));
        c.add(sweep("negative threads per task", "threadsPerTask: 1", "threadsPerTask: -1", "threadsPerTask", "-1"));
        c.add(sweep("negative candidate timeout", "threadsPerTask: 1", "threadsPerTask: 1\n  candidateTimeout: -5",
                "candidateTimeout", "-5"));
        c.add(sweep("unknown execution key", "threadsPerTask: 1", "threadsPerTask: 1\n  gpus: 2", "gpus"));
        // spark
        c.add(sweep("spark setting without the spark. prefix", "seed: 42", "seed: 42\nspark: {executor.memory: 2g}",
                "spark", "executor.memory"));
        c.add(sweep("spark setting without a value", "seed: 42", "seed: 42\nspark: {spark.executor.memory: }",
                "spark", "spark.executor.memory", "null"));
        c.add(sweep("spark setting with a mapping as its value", "seed: 42",
                "seed: 42\nspark: {spark.executor: {memory: 2g}}", "spark.executor", "line"));
        c.add(sweep("spark section a list", "seed: 42", "seed: 42\nspark: [spark.executor.memory]", "spark", "line"));
        c.add(sweep("redaction regex that does not compile", "seed: 42", "seed: 42\nspark: {spark.redaction.regex: '(['}",
                "spark.redaction.regex", "(["));
        c.add(sweep("scheduler pool with a space", "threadsPerTask: 1", "threadsPerTask: 1\n  pool: night owls", "pool",
                "night owls"));
        // output
        c.add(sweep("output on a scheme without a connector", null, "output: gs://bucket/runs", "output",
                "gs://bucket/runs"));
        c.add(sweep("output on an unknown HDFS host", null, "output: hdfs://no-such-host.invalid:8020/runs", "output",
                "no-such-host.invalid"));
        c.add(sweep("output on an unknown scheme", null, "output: gopher://host/runs", "output", "gopher"));
        c.add(new Case("output under a file", d -> {
            String file = write(d, "a-file", "x");
            return new String[] {"sweep", sweepFile(d, null, "output: " + file + "/runs")};
        }, List.of("output", "a-file")));
        c.add(sweep("empty output", null, "output: ''", "output"));
        return c;
    }

    // ---- the command line of every command

    private static List<Case> commandLines() {
        List<Case> c = new ArrayList<>();
        c.add(cli("unknown command", d -> args("colapse", "resnet18_mini"), "'colapse'", "collapse"));
        c.add(cli("unknown option", d -> args("sweep", "--bogus", quickstart(d)), "--bogus"));
        c.add(cli("sweep without a config", d -> args("sweep"), "CONFIG"));
        c.add(cli("sweep with a run id that is a path", d -> args("sweep", quickstart(d), "--run-id", "../elsewhere"),
                "--run-id", "../elsewhere"));
        c.add(cli("sweep with an unknown progress mode", d -> args("sweep", "--progress", "fancy", quickstart(d)),
                "--progress", "fancy"));
        c.add(cli("sweep reusing a missing directory", d -> args("sweep", quickstart(d), "--reuse",
                d.resolve("absent").toString()), "--reuse", "absent"));
        c.add(cli("sweep reusing a file", d -> args("sweep", quickstart(d), "--reuse", write(d, "a-file", "x")),
                "--reuse", "a-file"));
        c.add(cli("resume a directory that is not a run", d -> args("resume", mkdir(d, "not-a-run")),
                "not-a-run"));
        c.add(cli("resume a missing directory", d -> args("resume", d.resolve("absent").toString()), "absent"));
        c.add(cli("export a missing run", d -> args("export", d.resolve("no-run").toString()), "RUN_DIR", "no-run"));
        c.add(cli("export a directory that is not a run", d -> args("export", mkdir(d, "empty-dir")), "empty-dir"));
        c.add(cli("report on a missing run", d -> args("report", d.resolve("no-run").toString()), "no-run"));
        c.add(cli("train-front on a missing run", d -> args("train-front", d.resolve("no-run").toString()), "no-run"));
        c.add(cli("nightly without a root", d -> args("nightly", quickstart(d)), "--root"));
        c.add(cli("nightly on an impossible date", d -> args("nightly", "--root", d.resolve("nights").toString(),
                "--date", "2026-13-45", quickstart(d)), "--date", "2026-13-45"));
        c.add(cli("nightly root under a file", d -> args("nightly", "--root", write(d, "a-file", "x") + "/nights",
                quickstart(d)), "a-file"));
        c.add(cli("estimate on an unknown device", d -> args("estimate", "resnet18_mini", "-d", "tpu-v9"), "tpu-v9"));
        c.add(cli("estimate without a device", d -> args("estimate", "resnet18_mini"), "--device"));
        c.add(cli("estimate at an unknown precision", d -> args("estimate", "resnet18_mini", "-d", "host-cpu",
                "--data-type", "int3"), "int3"));
        c.add(cli("estimate with a zero input", d -> args("estimate", "resnet18_mini", "-d", "host-cpu", "--input",
                "0x28x28"), "--input", "0x28x28"));
        c.add(cli("estimate with two-part input", d -> args("estimate", "resnet18_mini", "-d", "host-cpu", "--input",
                "1x28"), "--input", "1x28"));
        c.add(cli("estimate with no classes", d -> args("estimate", "resnet18_mini", "-d", "host-cpu", "--classes",
                "0"), "--classes", "0"));
        c.add(cli("estimate of an unknown network", d -> args("estimate", "alexnet", "-d", "host-cpu"), "alexnet"));
        c.add(cli("estimate with a missing latency table", d -> args("estimate", "resnet18_mini", "-d",
                "lut:" + d.resolve("absent.csv")), "absent.csv"));
        c.add(cli("collapse with a negative check batch", d -> args("collapse", "resnet18_mini", "--check-batch",
                "-1"), "--check-batch", "-1"));
        c.add(cli("collapse with an unknown policy", d -> args("collapse", "resnet18_mini", "--policy", "fast"),
                "fast", "deployment"));
        c.add(cli("collapse with a word for a seed", d -> args("collapse", "resnet18_mini", "--seed", "abc"),
                "--seed", "abc"));
        c.add(cli("collapse without a network", d -> args("collapse"), "ARCH"));
        c.add(cli("devices with an argument", d -> args("devices", "extra"), "extra"));
        c.add(cli("zoo exporting into a file", d -> args("zoo", "--export", write(d, "a-file", "x")),
                "--export", "a-file"));
        c.add(cli("spaces of an unknown type", d -> args("spaces", "foo"), "foo", "activation"));
        c.add(cli("spaces of a missing config", d -> args("spaces", "--config", d.resolve("absent.yaml").toString()),
                "absent.yaml"));
        c.add(cli("calibrate without an output", d -> args("calibrate"), "--output"));
        c.add(cli("calibrate on no networks", d -> args("calibrate", "-o", d.resolve("p.yaml").toString(), "--train",
                "0"), "--train", "0"));
        c.add(cli("calibrate an unknown prior", d -> args("calibrate", "-o", d.resolve("p.yaml").toString(), "-d",
                "tpu-v9"), "tpu-v9"));
        c.add(cli("calibrate with zero threads", d -> args("calibrate", "-o", d.resolve("p.yaml").toString(),
                "--threads", "0"), "--threads", "0"));
        c.add(cli("calibrate timed by an unknown runtime", d -> args("calibrate", "-o", d.resolve("p.yaml").toString(),
                "--measure", "tflite"), "--measure", "tflite", "onnxruntime-cpu"));
        c.add(cli("lut with an unknown subcommand", d -> args("lut", "rebuild"), "rebuild"));
        c.add(cli("hant with a missing config", d -> args("hant", d.resolve("absent.yaml").toString()), "absent.yaml"));
        c.add(cli("proxy-study with no candidates", d -> args("proxy-study", "--candidates", "0", quickstart(d)),
                "--candidates", "0"));
        c.add(cli("proxy-study output under a file", d -> args("proxy-study", "--output",
                write(d, "a-file", "x") + "/study", quickstart(d)), "a-file"));
        return c;
    }

    // ---- architecture files (hwnas IR), through estimate and collapse

    private static List<Case> architectures() {
        String net = ArchitectureJson.write(ReferenceNetworks.byName("resnet18_mini"));
        List<Case> c = new ArrayList<>();
        c.add(ir("IR zero kernel", net.replaceFirst("\"kernel\":\\[3", "\"kernel\":[0"), "conv1", "kernel"));
        c.add(ir("IR unknown op", net.replaceFirst("\"op\":\"conv2d\"", "\"op\":\"conv9d\""), "conv9d"));
        c.add(ir("IR input from an unknown node", net.replaceFirst("\"inputs\":\\[\"conv1\"\\]",
                "\"inputs\":[\"conv0\"]"), "conv0"));
        c.add(ir("IR node id given twice", net.replaceFirst("\"id\":\"conv1.bn\"", "\"id\":\"conv1\""), "conv1"));
        c.add(ir("IR negative channels", net.replaceFirst("\"outChannels\":8", "\"outChannels\":-8"), "conv1",
                "-8"));
        c.add(ir("IR unknown key", net.replaceFirst("\"bias\":false", "\"bias\":false,\"colour\":1"), "colour"));
        c.add(ir("IR fractional channels", net.replaceFirst("\"outChannels\":8", "\"outChannels\":8.5"),
                "outChannels", "8.5"));
        c.add(ir("IR no nodes", net.replaceFirst("\"nodes\":\\[.*\\]", "\"nodes\":[]"), "nodes"));
        c.add(ir("IR unclosed", net.substring(0, net.length() / 2), "net.json"));
        c.add(ir("IR zero input size", net.replaceFirst("\"height\":28", "\"height\":0"), "height", "0"));
        c.add(ir("IR add of mismatched shapes", mismatchedAdd(net), "layer1.0.add"));
        return c;
    }

    /** resnet18_mini with its first residual add fed the stem and a strided conv of other shape. */
    private static String mismatchedAdd(String net) {
        return net.replaceFirst("(\"id\":\"layer1\\.0\\.conv1\",\"inputs\":\\[\"conv1\\.relu\"\\],\"layer\":\\{[^}]*"
                + "\"stride\":)\\[1,1\\]", "$1[2,2]");
    }

    // ---- device profiles given as YAML files

    private static List<Case> deviceProfiles() {
        // format 2, as users' own profiles were written before format 3 (still read): the Ethos-U55 profile as it was
        String profile = resource("format2-profile.yaml");
        List<Case> c = new ArrayList<>();
        c.add(profileCase("profile with an unknown key", profile + "colour: red\n", "colour"));
        c.add(profileCase("profile with a negative clock", profile.replace("clockHz: 5.0e+8", "clockHz: -5.0e+8"),
                "clockHz", "-5"));
        c.add(profileCase("profile without an id", profile.replace("id: ethos-u55-128\n", ""), "id"));
        c.add(profileCase("profile with a word for a number", profile.replace("onChipMemoryBytes: 393216",
                "onChipMemoryBytes: lots"), "onChipBytes", "lots"));
        c.add(profileCase("profile with an unknown data type", profile.replace("dataType: int8", "dataType: int3"),
                "dataType", "int3"));
        c.add(profileCase("profile with an unknown format", profile.replace("format: 2", "format: 9"), "format", "9"));
        c.add(profileCase("profile with an unknown activation cost", profile.replace("silu: lut", "silu: cheap"),
                "silu", "cheap"));
        c.add(profileCase("profile with efficiency above 1", profile.replace("pooling: 1.0", "pooling: 1.5"),
                "pooling", "1.5"));
        c.add(cli("profile upgrade of a missing file", d -> args("profile", "upgrade",
                d.resolve("absent.yaml").toString()), "absent.yaml"));
        c.add(cli("profile upgrade of an invalid profile, in place", d -> args("profile", "upgrade",
                write(d, "profile.yaml", profile.replace("clockHz: 5.0e+8", "clockHz: -5.0e+8"))), "clockHz", "-5"));
        c.add(cli("profile upgrade without a profile", d -> args("profile", "upgrade"), "PROFILE"));
        c.add(profileCase("malformed profile", "id: [x\n", "profile.yaml"));
        c.add(profileCase("profile without a rate for its data type", profile.replace("  int8: 128", "  fp32: 32"),
                "macsPerCycle", "int8"));
        return c;
    }

    // ---- tabular spaces and their tables (examples/tabular.yaml)

    private static List<Case> tabularTables() {
        List<Case> c = new ArrayList<>();
        c.add(tabular("table file missing", csv -> null, "table", "absent.csv"));
        c.add(tabular("table with a word for MACs", csv -> csv.replaceFirst("(\n(?:[^,\n]*,){6})[0-9]+", "$1many"),
                "macs", "many"));
        c.add(tabular("table without a dimension column", csv -> csv.replaceFirst("act\\.s0\\.c0,", "a0,")
                .replaceAll("\n[^,\n]*,", "\n"), "act.s0.c0"));
        c.add(tabular("table with an option the space lacks", csv -> csv.replaceFirst("\nrelu,", "\ngelu,"), "gelu"));
        c.add(tabular("table with a row given twice", csv -> csv + csv.lines().skip(1).findFirst().orElseThrow() + "\n",
                "relu"));
        c.add(tabular("table with a short row", csv -> csv.replaceFirst("\n([^\n]*),[^,\n]*\n", "\n$1\n"), "table"));
        return c;
    }

    // ---- HANT configs (examples/hant.yaml)

    private static List<Case> hantConfigs() {
        List<Case> c = new ArrayList<>();
        c.add(hant("HANT unknown alternative", "identity]", "identity, conv11x11-relu]", "conv11x11-relu"));
        c.add(hant("HANT unknown device", "device: ethos-u55-128", "device: tpu-v9", "device", "tpu-v9"));
        c.add(hant("HANT zero distillation steps", "steps: 150", "steps: 0", "steps", "0"));
        c.add(hant("HANT unknown key", "device: ethos-u55-128", "device: ethos-u55-128\nstudents: 3", "students"));
        c.add(hant("HANT negative teacher epochs", "teacherTraining: {epochs: 3", "teacherTraining: {epochs: -3",
                "epochs", "-3"));
        c.add(hant("HANT zero-channel layer", "{channels: 24, stride: 1, op: conv3x3-silu}",
                "{channels: 0, stride: 1, op: conv3x3-silu}", "channels", "0"));
        c.add(hant("HANT teacher given as a MobileNetV3", "  classes: 10\n", "  classes: 10\n  base: {reference: "
                + "mobilenet_v3_small_mini, input: {channels: 1, height: 28, width: 28}, classes: 10}\n", "base",
                "node 'features.1.se' is multiply", "takes no base"));
        c.add(new Case("HANT output under a file", d -> {
            String config = read("examples/hant.yaml").replaceFirst("(?m)^output: .*$",
                    "output: " + write(d, "a-file", "x") + "/hant");
            return args("hant", write(d, "hant.yaml", config));
        }, List.of("output", "a-file")));
        c.add(hant("HANT output on a scheme without a connector", null, "output: gs://bucket/hant", "output",
                "gs://bucket/hant"));
        return c;
    }

    // ---- case builders

    private static Case sweep(String name, String old, String replacement, String... fragments) {
        return new Case(name, d -> new String[] {"sweep", sweepFile(d, old, replacement)}, List.of(fragments));
    }

    private static Case cli(String name, Function<Path, String[]> args, String... fragments) {
        return new Case(name, args, List.of(fragments));
    }

    private static Case ir(String name, String json, String... fragments) {
        return new Case(name, d -> args("estimate", write(d, "net.json", json), "-d", "host-cpu"), List.of(fragments));
    }

    private static Case profileCase(String name, String yaml, String... fragments) {
        return new Case(name, d -> args("estimate", "resnet18_mini", "-d", write(d, "profile.yaml", yaml)),
                List.of(fragments));
    }

    /** examples/tabular.yaml on a changed copy of its table (null: a table that does not exist). */
    private static Case tabular(String name, Function<String, String> table, String... fragments) {
        return new Case(name, d -> {
            String csv = table.apply(read("examples/tabular/activation-cnn.csv"));
            String path = csv == null ? d.resolve("absent.csv").toString() : write(d, "table.csv", csv);
            String config = read("examples/tabular.yaml")
                    .replace("table: tabular/activation-cnn.csv", "table: " + path)
                    .replaceFirst("(?m)^output: .*$", "output: " + d.resolve("runs"));
            return args("sweep", write(d, "tabular.yaml", config));
        }, List.of(fragments));
    }

    private static Case hant(String name, String old, String replacement, String... fragments) {
        return new Case(name, d -> {
            String config = read("examples/hant.yaml").replaceFirst("(?m)^output: .*$", "output: " + d.resolve("runs"));
            config = old == null ? config.replaceFirst("(?m)^output: .*$", replacement) : replaceOnce(config, old,
                    replacement);
            return args("hant", write(d, "hant.yaml", config));
        }, List.of(fragments));
    }

    /** examples/quickstart.yaml writing into the case's directory, with one change ({@code old} null: the output). */
    private static String sweepFile(Path d, String old, String replacement) {
        String config = read("examples/quickstart.yaml").replaceFirst("(?m)^output: .*$", "output: " + d.resolve("runs"));
        config = old == null ? config.replaceFirst("(?m)^output: .*$", replacement) : replaceOnce(config, old,
                replacement);
        return write(d, "config.yaml", config);
    }

    private static String quickstart(Path d) {
        return sweepFile(d, "name: quickstart", "name: quickstart");
    }

    private static String replaceOnce(String text, String old, String replacement) {
        if (!text.contains(old)) {
            throw new IllegalStateException("the example no longer contains '" + old + "'");
        }
        return text.replace(old, replacement);
    }

    private static String[] args(String... args) {
        return args;
    }

    private static String resource(String name) {
        try (InputStream in = BadInputBarrageTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String repoFile) {
        try {
            return Files.readString(CliErrorsTest.repoFile(repoFile));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(Path d, String name, String text) {
        try {
            return Files.writeString(d.resolve(name), text).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mkdir(Path d, String name) {
        try {
            return Files.createDirectories(d.resolve(name)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every path under {@code root}, hidden ones included, sorted, each with its size and modification time. */
    private static List<String> tree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.sorted().map(p -> {
                try {
                    return p + " " + Files.size(p) + " " + Files.getLastModifiedTime(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
    }
}
