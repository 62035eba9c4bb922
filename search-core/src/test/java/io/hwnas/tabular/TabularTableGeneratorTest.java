package io.hwnas.tabular;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.PoolKind;
import io.hwnas.cost.CostModel;
import io.hwnas.cost.CostReport;
import io.hwnas.data.DataSettings;
import io.hwnas.dl4j.TrainingSettings;
import io.hwnas.eval.Candidate;
import io.hwnas.eval.CandidateEvaluator;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.proxy.ProxySettings;
import io.hwnas.space.ActivationSpace;
import io.hwnas.space.Choice;
import io.hwnas.space.ConvStage;
import io.hwnas.space.ImageInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generator against a stand-in cost model (search-core cannot see hardware-profiles; the round
 * trip with the real device models is TabularRoundTripTest there).
 */
class TabularTableGeneratorTest {
    @TempDir
    Path dir;

    /** Latency from MACs, on-chip when the peak activation is small: enough to tell points apart. */
    private record MacModel(String device, double macsPerSecond) implements CostModel {
        @Override
        public CostReport estimate(Architecture a) {
            ArchitectureCounts counts = ArchitectureCounts.of(a);
            long peak = 4 * counts.peakActivationElements();
            return new CostReport(device, 1e-4 + counts.macs() / macsPerSecond, peak, peak < 20_000, List.of());
        }
    }

    static ActivationSpace smallSpace() {
        return new ActivationSpace(new ImageInput(1, 28, 28), 10,
                List.of(new ConvStage(8, 1, 3, PoolKind.MAX), new ConvStage(16, 1, 3, PoolKind.MAX)),
                ActivationSpace.Head.GLOBAL_AVG, List.of(ActivationType.RELU, ActivationType.HARD_SWISH),
                List.of(0.5, 1.0));
    }

    private static final List<CostModel> MODELS = List.of(new MacModel("npu-a", 1e9), new MacModel("Cpu B", 1e8));

    @Test
    void writesDimensionColumnsThenMetricsAndReadsBackWhatTheEvaluatorFound() throws Exception {
        ActivationSpace space = smallSpace();
        Path table = dir.resolve("sub/table.csv");
        TabularTableGenerator.Summary summary = TabularTableGenerator.costOnly(MODELS).write(space, table, 100, 5);
        assertEquals(16, summary.rows());
        assertEquals(0, summary.failed());
        assertEquals(List.of("act.s0.c0", "act.s1.c0", "width.s0", "width.s1", "macs", "trainable_params",
                "state_params", "peak_activation_elements", "training_macs", "training_params",
                "latency_ms_npu_a", "fps_npu_a", "peak_memory_bytes_npu_a", "fits_on_chip_npu_a",
                "latency_ms_cpu_b", "fps_cpu_b", "peak_memory_bytes_cpu_b", "fits_on_chip_cpu_b"),
                summary.columns(), "cost-only: no accuracy or training columns");
        assertEquals(String.join(",", summary.columns()), Files.readAllLines(table).get(0));
        try (Stream<Path> files = Files.list(table.getParent())) {
            assertEquals(List.of(table), files.toList(), "no temporary file is left behind");
        }

        TabularSpace tabular = new TabularSpace(space.dimensions(), table.toString());
        TabularEvaluator eval = TabularEvaluator.load(tabular, table, List.of("npu-a", "Cpu B"));
        CandidateEvaluator direct = new CandidateEvaluator(DataSettings.defaults(), new TrainingSettings(0, 32, 1e-3),
                ProxySettings.none(), MODELS);
        int id = 0;
        for (Iterator<Choice> it = space.enumerate(); it.hasNext(); id++) {
            Choice c = it.next();
            EvaluationResult want = direct.evaluate(Candidate.of(space, c, id, 0, 5));
            EvaluationResult got = eval.evaluate(List.of(Candidate.of(tabular, c, id, 0, 5))).get(0);
            assertTrue(got.ok(), got.error());
            assertEquals(want.choices(), got.choices());
            assertEquals(want.macs(), got.macs());
            assertEquals(want.trainableParams(), got.trainableParams());
            assertEquals(want.peakActivationElements(), got.peakActivationElements());
            assertEquals(want.trainingMacs(), got.trainingMacs());
            assertEquals(want.devices(), got.devices(), "device figures survive the text round trip exactly");
        }
    }

    @Test
    void refusesWhatCannotBeTabulated() {
        ActivationSpace space = smallSpace();
        TabularTableGenerator gen = TabularTableGenerator.costOnly(MODELS);
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> gen.write(space, dir.resolve("t.csv"), 10, 1));
        assertTrue(big.getMessage().contains("has 16 points, more than maxPoints = 10"), big.getMessage());
        TabularSpace tabular = new TabularSpace(space.dimensions(), "t.csv");
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> gen.write(tabular, dir.resolve("t.csv"), 100, 1));
        assertTrue(none.getMessage().contains("has no networks"), none.getMessage());
    }

    @Test
    void failedPointsAreLeftOutAndATableOfFailuresIsNotWritten() {
        // training from a dataset that does not exist fails every point inside the evaluator
        TabularTableGenerator gen = new TabularTableGenerator(
                new DataSettings(dir.resolve("no-such-data").toString(), 100, 100, 0, 0),
                new TrainingSettings(1, 32, 1e-3), ProxySettings.none(), MODELS);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> gen.write(smallSpace(), dir.resolve("t.csv"), 100, 1));
        assertTrue(e.getMessage().contains("every one of the 16 points failed"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("t.csv")));
    }
}
