package io.hwnas.tabular;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.PoolKind;
import io.hwnas.cost.CostModel;
import io.hwnas.data.DataSettings;
import io.hwnas.dl4j.TrainingSettings;
import io.hwnas.eval.Candidate;
import io.hwnas.eval.CandidateEvaluator;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.hw.spec.CostModels;
import io.hwnas.proxy.ProxySettings;
import io.hwnas.space.ActivationSpace;
import io.hwnas.space.Choice;
import io.hwnas.space.ConvStage;
import io.hwnas.space.ImageInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A table generated with the real device models reads back as exactly what the evaluator computed. */
class TabularRoundTripTest {

    @Test
    void everyPointReadsBackAsCandidateEvaluatorComputedIt(@TempDir Path dir) {
        // quickstart's network with three activations: 3 x 3 activations x 2 x 2 widths = 36 points
        ActivationSpace space = new ActivationSpace(new ImageInput(1, 28, 28), 10,
                List.of(new ConvStage(16, 1, 3, PoolKind.MAX), new ConvStage(32, 1, 3, PoolKind.MAX)),
                ActivationSpace.Head.FLATTEN, List.of(ActivationType.RELU, ActivationType.SILU, ActivationType.HARD_SWISH),
                List.of(0.5, 1.0));
        List<CostModel> models = List.of(CostModels.resolve("ethos-u55-128"), CostModels.resolve("host-cpu"));
        Path table = dir.resolve("quick.csv");
        TabularTableGenerator.Summary summary = TabularTableGenerator.costOnly(models).write(space, table, 100, 42);
        assertEquals(36, summary.rows());

        TabularSpace tabular = new TabularSpace(space.dimensions(), table.toString());
        TabularEvaluator eval = TabularEvaluator.load(tabular, table, List.of("ethos-u55-128", "host-cpu"));
        CandidateEvaluator direct = new CandidateEvaluator(DataSettings.defaults(), new TrainingSettings(0, 32, 1e-3),
                ProxySettings.none(), models);
        List<Candidate> lookups = new ArrayList<>();
        List<EvaluationResult> expected = new ArrayList<>();
        int id = 0;
        for (Iterator<Choice> it = space.enumerate(); it.hasNext(); id++) {
            Choice c = it.next();
            expected.add(direct.evaluate(Candidate.of(space, c, id, 0, 42)));
            lookups.add(Candidate.of(tabular, c, id, 0, 42));
        }
        List<EvaluationResult> got = eval.evaluate(lookups);
        double slowest = 0;
        double fastest = Double.MAX_VALUE;
        for (int i = 0; i < got.size(); i++) {
            EvaluationResult want = expected.get(i);
            EvaluationResult r = got.get(i);
            assertTrue(r.ok(), r.error());
            assertEquals(want.choices(), r.choices());
            assertEquals(want.macs(), r.macs());
            assertEquals(want.trainableParams(), r.trainableParams());
            assertEquals(want.stateParams(), r.stateParams());
            assertEquals(want.peakActivationElements(), r.peakActivationElements());
            assertEquals(want.trainingMacs(), r.trainingMacs());
            assertEquals(want.trainingParams(), r.trainingParams());
            assertEquals(want.devices(), r.devices(), "latency, fps, memory and fit, exactly, per device");
            double npu = r.device("ethos-u55-128").latencyMs();
            slowest = Math.max(slowest, npu);
            fastest = Math.min(fastest, npu);
        }
        assertTrue(slowest > fastest, "the activations and widths change the NPU latency");
    }
}
