package io.hwnas.spark;

import io.hwnas.io.BadInputException;
import io.hwnas.spark.cli.HwnasCli;
import io.hwnas.spark.config.SweepConfigLoader;
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
    })
    void badConfigIsRejectedWithFieldAndValue(String label, String from, String to, String mentioned,
                                               @TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("runs");
        String good = SweepEndToEndTest.config(out, 6);
        assertTrue(good.contains(from), "fixture must contain " + from);
        Path cfg = tmp.resolve("bad.yaml");
        Files.writeString(cfg, good.replace(from, to.replace("\\n", "\n")));
        BadInputException e = assertThrows(BadInputException.class, () -> SweepConfigLoader.load(cfg));
        assertTrue(e.getMessage().contains(mentioned), label + ": " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertEquals(HwnasCli.BAD_INPUT, HwnasCli.execute("sweep", cfg.toString()));
        assertFalse(Files.exists(out), "nothing written for " + label);
    }
}
