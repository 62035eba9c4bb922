package io.hwnas.spark;

import io.hwnas.io.BadInputException;
import io.hwnas.spark.cli.HwnasCli;
import io.hwnas.spark.config.SweepConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad configs fail before Spark starts, name the field and value, exit 2 and write nothing. */
class ConfigValidationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown key         | 'training: {epochs: 1, batchSize: 32, learningRate: 0.003}' | 'training: {epochs: 1, batchSize: 32, learningRate: 0.003, momentum: 0.9}' | momentum",
            "negative epochs     | 'epochs: 1,'              | 'epochs: -1,'               | epochs",
            "wrong type          | 'epochs: 1,'              | 'epochs: many,'             | epochs",
            "negative size       | 'trainSamples: 600'       | 'trainSamples: -5'          | trainSamples",
            "unknown device      | '[host-cpu, ethos-u55-128, measured]' | '[host-cpu, tpu-v9]' | tpu-v9",
            "same device twice   | '[host-cpu, ethos-u55-128, measured]' | '[host-cpu, host-cpu]' | twice",
            "unknown activation  | '[relu, silu, hard_swish]'  | '[relu, swoosh]'          | swoosh",
            "missing dataset     | 'data: {'                 | 'data: {path: /nonexistent/fmnist, ' | /nonexistent/fmnist",
            "too many samples    | 'trainSamples: 600'       | 'trainSamples: 600000'      | trainSamples",
            "zero candidates     | 'candidates: 6'           | 'candidates: 0'             | candidates",
            "zero budget         | 'candidates: 6'           | 'search: {evaluations: 0}'  | search.evaluations",
            "budget given twice  | 'name: e2e'               | 'name: e2e\nsearch: {evaluations: 4}' | search.evaluations",
            "unknown strategy    | 'candidates: 6'           | 'search: {evaluations: 6, strategy: {type: annealing}}' | annealing",
            "bad eta             | 'candidates: 6'           | 'search: {evaluations: 6, strategy: {type: successive-halving, eta: 1}}' | search.strategy.eta",
            "budget too small    | 'candidates: 6'           | 'search: {evaluations: 6, strategy: {type: successive-halving, candidates: 9}}' | search.evaluations",
            "hyperband max       | 'candidates: 6'           | 'search: {evaluations: 6, strategy: {type: hyperband, minTrainSamples: 100, maxTrainSamples: 200}}' | search.strategy.maxTrainSamples",
            "hyperband budget    | 'candidates: 6'           | 'search: {evaluations: 6, strategy: {type: hyperband}}' | search.evaluations",
            "unknown objective   | 'candidates: 6'           | 'search: {evaluations: 6, objectives: [{maximize: acuracy}]}' | acuracy",
            "no reference        | 'candidates: 6'           | 'search: {evaluations: 6, objectives: [{minimize: latency_ms_host_cpu}]}' | search.reference",
            "accuracy untrained  | 'epochs: 1,'              | 'epochs: 0,'                | training.epochs",
            "unknown proxy       | 'candidates: 6'           | 'candidates: 6\nproxies: {names: [naswot, zen]}' | zen",
            "images to classify  | 'data: {'                 | 'data: {images: [a.png], ' | data.images",
            "unknown quantization| 'candidates: 6'           | 'candidates: 6\nquantization: int4' | is not one of none, int8",
            "int8 untrained      | 'training: {epochs: 1,'   | 'quantization: int8\ntraining: {epochs: 0,' | training.epochs",
            "int8 objective, fp32| 'candidates: 6'           | 'search: {evaluations: 6, objectives: [{maximize: accuracy_int8}, {minimize: macs}], reference: {macs: 1.0e9}}' | quantization: int8",
    })
    void badConfigIsRejectedWithFieldAndValue(String label, String from, String to, String mentioned,
                                               @TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("runs");
        String good = SweepEndToEndTest.config(out, 6);
        assertTrue(good.contains(from), "fixture must contain " + from);
        assertRefusedInOneLine(label, good.replace(from, to.replace("\\n", "\n")), mentioned, out, tmp);
    }

    /**
     * {@code bad}, written as a config file, is refused: one line naming {@code mentioned}, exit 2 from the CLI, and
     * nothing written under {@code out}.
     */
    private static void assertRefusedInOneLine(String label, String bad, String mentioned, Path out, Path tmp)
            throws Exception {
        Path cfg = tmp.resolve("bad.yaml");
        Files.writeString(cfg, bad);
        BadInputException e = assertThrows(BadInputException.class, () -> SweepConfigLoader.load(cfg));
        assertTrue(e.getMessage().contains(mentioned), label + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertEquals(HwnasCli.BAD_INPUT, HwnasCli.execute("sweep", cfg.toString()));
        assertFalse(Files.exists(out), "nothing written for " + label);
    }

    /** A super-resolution sweep on the Fashion-MNIST fallback, valid as it stands. */
    private static String superResolution(Path out) {
        return """
                name: sr
                seed: 1
                task: {type: super-resolution, scale: 2, patchSize: 24, loss: l1, input: bicubic-upscaled}
                space: {type: sr-plain, input: {channels: 1, height: 24, width: 24}, widths: [8], depths: [3]}
                search: {evaluations: 1, objectives: [{maximize: psnr}, {minimize: macs}], reference: {macs: 1.0e6}}
                data: {trainSamples: 64, validationSamples: 16}
                training: {epochs: 1, batchSize: 16, learningRate: 0.001}
                devices: [host-cpu]
                output: %s
                """.formatted(out);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown task        | 'type: super-resolution,'    | 'type: segmentation,'         | task.type",
            "scale 3             | 'scale: 2,'                  | 'scale: 3,'                   | task.scale",
            "patch off the grid  | 'patchSize: 24,'             | 'patchSize: 25,'              | task.patchSize",
            "unknown loss        | 'loss: l1,'                  | 'loss: huber,'                | task.loss",
            "unknown input       | 'input: bicubic-upscaled}'   | 'input: nearest-upscaled}'    | task.input",
            "net of other size   | 'height: 24, width: 24'      | 'height: 32, width: 32'       | 1x24x24",
            "low-res input       | 'input: bicubic-upscaled}'   | 'input: low-resolution}'      | 1x12x12",
            "accuracy objective  | '{maximize: psnr}'           | '{maximize: accuracy}'        | search.objectives",
            "proxies             | 'seed: 1'                    | 'seed: 1\nproxies: {names: [naswot]}' | proxies",
            "int8                | 'seed: 1'                    | 'seed: 1\nquantization: int8' | quantization",
            "classifier space    | '{type: sr-plain, input: {channels: 1, height: 24, width: 24}, widths: [8], depths: [3]}' | '{type: kernel, input: {channels: 1, height: 24, width: 24}, stages: [{channels: 8}], kernels: [3]}' | space",
            "two channels        | '{channels: 1, height: 24'   | '{channels: 2, height: 24'    | input",
            "no held-out images  | 'validationSamples: 16'      | 'validationSamples: 0'        | validationSamples",
    })
    void badSuperResolutionConfigIsRejectedWithFieldAndValue(String label, String from, String to, String mentioned,
                                                             @TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("runs");
        String good = superResolution(out);
        assertTrue(good.contains(from), "fixture must contain " + from);
        assertRefusedInOneLine(label, good.replace(from, to.replace("\\n", "\n")), mentioned, out, tmp);
    }

    /** A detection sweep of ActNAS over yolo_pico_det, valid as it stands. */
    private static String detection(Path out) {
        return """
                name: det
                seed: 1
                task: {type: detection, canvasSize: 96}
                space: {type: actnas, base: {reference: yolo_pico_det, input: {channels: 1, height: 96, width: 96}, classes: 10}, activations: [silu, relu]}
                search: {evaluations: 1, objectives: [{maximize: map50}, {minimize: macs}], reference: {macs: 2.0e7}}
                data: {trainSamples: 64, validationSamples: 16}
                training: {epochs: 1, batchSize: 16, learningRate: 0.01}
                devices: [host-cpu]
                output: %s
                """.formatted(out);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "canvas off the grid | 'canvasSize: 96'             | 'canvasSize: 100'             | task.canvasSize",
            "sr field            | 'canvasSize: 96'             | 'canvasSize: 96, scale: 2'    | task.type",
            "net of other size   | 'canvasSize: 96'             | 'canvasSize: 128'             | 1x128x128",
            "other class count   | 'classes: 10'                | 'classes: 9'                  | B·(5 + 10)",
            "accuracy objective  | '{maximize: map50}'          | '{maximize: accuracy}'        | search.objectives",
            "classifier base     | 'reference: yolo_pico_det, input: {channels: 1, height: 96, width: 96}' | 'reference: resnet18_mini, input: {channels: 1, height: 96, width: 96}' | space",
    })
    void badDetectionConfigIsRejectedWithFieldAndValue(String label, String from, String to, String mentioned,
                                                       @TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("runs");
        String good = detection(out);
        Path valid = tmp.resolve("good.yaml");
        Files.writeString(valid, good);
        assertTrue(SweepConfigLoader.loadPlan(valid).config().task().isDetection());
        assertTrue(good.contains(from), "fixture must contain " + from);
        assertRefusedInOneLine(label, good.replace(from, to.replace("\\n", "\n")), mentioned, out, tmp);
    }

    /** The sesr space's bad dimension values and a SESR net that does not fit the task, each in one line. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "kernel 4            | 'kernels: [3, 5]'            | 'kernels: [3, 4]'             | kernels",
            "unknown activation  | 'activations: [prelu, relu]' | 'activations: [prelu, gelu]'  | activations",
            "no features         | 'features: [8]'              | 'features: [0]'               | features",
            "space scale 4       | 'scale: 2, features'         | 'scale: 4, features'          | 1x48x48",
            "bicubic input       | 'input: low-resolution}'     | 'input: bicubic-upscaled}'    | 1x24x24",
    })
    void badSesrConfigIsRejectedWithFieldAndValue(String label, String from, String to, String mentioned,
                                                  @TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("runs");
        String good = superResolution(out)
                .replace("input: bicubic-upscaled}", "input: low-resolution}")
                .replace("{type: sr-plain, input: {channels: 1, height: 24, width: 24}, widths: [8], depths: [3]}",
                        "{type: sesr, input: {channels: 1, height: 12, width: 12}, scale: 2, features: [8], "
                                + "blocks: [1], expansions: [16], kernels: [3, 5], activations: [prelu, relu]}");
        assertTrue(good.contains(from), "fixture must contain " + from);
        Path valid = tmp.resolve("good.yaml");
        Files.writeString(valid, good);
        assertTrue(SweepConfigLoader.loadPlan(valid).config().task().isSuperResolution());
        assertRefusedInOneLine(label, good.replace(from, to.replace("\\n", "\n")), mentioned, out, tmp);
    }

    @Test
    void theSuperResolutionFixtureIsValid(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("sr.yaml");
        Files.writeString(cfg, superResolution(tmp.resolve("runs")));
        assertTrue(SweepConfigLoader.loadPlan(cfg).config().task().isSuperResolution());
    }
}
