package io.hwnas.spark.finaltrain;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.sr.Task;
import io.hwnas.io.Mappers;
import io.hwnas.space.Choice;
import io.hwnas.space.ImageInput;
import io.hwnas.space.RepNasSpace;
import io.hwnas.space.RepStage;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.transform.CollapseResult;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pieces of final training that need no Spark: sample orders, front rows, the deployed export. */
class FinalTrainingPartsTest {

    /** Two 8-channel slots on 12×12 inputs: every branch kind, merged into one conv per slot when deployed. */
    private static final RepNasSpace REPNAS = new RepNasSpace(new ImageInput(1, 12, 12), 10,
            List.of(new RepStage(8, 1, 1), new RepStage(8, 1, 1)), null, 10, ActivationType.RELU);

    @Test
    void sampleOrdersAreSeededSelectionsVisitedInANewOrderEachEpoch() {
        SampleOrder order = new SampleOrder(1000, 100, 5, 9L);
        int[] selection = order.selection();
        assertEquals(100, selection.length);
        assertEquals(100, Arrays.stream(selection).distinct().count());
        assertArrayEquals(Arrays.stream(selection).sorted().toArray(), selection, "ascending");
        assertArrayEquals(selection, new SampleOrder(1000, 100, 5, 123L).selection(),
                "the selection depends on the data seed only, so every candidate trains on the same images");
        assertFalse(Arrays.equals(selection, new SampleOrder(1000, 100, 6, 9L).selection()));
        int[] first = order.epoch(0);
        int[] second = order.epoch(1);
        assertArrayEquals(selection, Arrays.stream(first).sorted().toArray(), "an epoch visits the selection once");
        assertArrayEquals(selection, Arrays.stream(second).sorted().toArray());
        assertFalse(Arrays.equals(first, second), "a fresh order per epoch");
        assertArrayEquals(first, new SampleOrder(1000, 100, 5, 9L).epoch(0), "the same on every JVM");
        assertArrayEquals(IntStream.range(0, 50).toArray(), new SampleOrder(50, 50, 5, null).epoch(3),
                "the whole file in file order for evaluation");
        assertEquals(4, order.batches(32));
        assertThrows(IllegalArgumentException.class, () -> new SampleOrder(10, 11, 0, null));
    }

    @Test
    void frontRowsMapBackToChoicesAndMismatchesAreRefused() throws Exception {
        Choice choice = REPNAS.sample(new SplittableRandom(3));
        String json = Mappers.json().writeValueAsString(new TreeMap<>(REPNAS.describe(choice)));
        Map<String, String> row = new HashMap<>(Map.of("candidate_id", "4", "fingerprint",
                REPNAS.decode(choice).fingerprint(), "choices", json, "accuracy", "0.5"));
        FrontMember member = FrontMember.resolve(REPNAS, row, "pareto-search.csv", "accuracy");
        assertEquals(choice, member.choice());
        assertEquals(4, member.candidateId());
        assertEquals(0.5, member.sweepQuality());

        String dimension = REPNAS.dimensions().get(0).name();
        row.put("choices", json.replace("\"" + dimension + "\":\"" + REPNAS.describe(choice).get(dimension) + "\"",
                "\"" + dimension + "\":\"maybe\""));
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> FrontMember.resolve(REPNAS, row, "f.csv", "accuracy"));
        assertTrue(unknown.getMessage().contains("'" + dimension + "' = 'maybe'")
                && unknown.getMessage().contains("allowed: off, on"), unknown.getMessage());

        row.put("choices", json);
        row.put("fingerprint", "0".repeat(64));
        ConfigException other = assertThrows(ConfigException.class,
                () -> FrontMember.resolve(REPNAS, row, "f.csv", "accuracy"));
        assertTrue(other.getMessage().contains("candidate_id 4") && other.getMessage().contains("fingerprint"),
                other.getMessage());
    }

    /**
     * A RepNAS net with trained batch-norm statistics: its deployed form (branches merged, batch-norm
     * folded) carries the weights exactly, also after a round trip through a model file.
     */
    @Test
    void deployedRepNasNetCarriesTheTrainedWeightsThroughItsModelFile() throws Exception {
        Choice choice = REPNAS.sample(new SplittableRandom(11));
        Architecture arch = REPNAS.decode(choice);
        ComputationGraph trained = GraphBuilder.build(arch, 5, 0.01);
        Nd4j.getRandom().setSeed(5);
        for (int step = 0; step < 5; step++) {
            // shifted, scaled inputs move the batch-norm statistics well away from their initial (0, 1)
            INDArray x = Nd4j.rand(new long[] {16, 1, 12, 12}).muli(3).addi(1);
            INDArray y = Nd4j.zeros(16, 10);
            for (int i = 0; i < 16; i++) {
                y.putScalar(i, (i * 7 + step) % 10, 1);
            }
            trained.fit(new DataSet(x, y));
        }
        CollapseResult collapse = REPNAS.deploy(choice);
        assertFalse(collapse.applied().isEmpty());
        INDArray features = Nd4j.rand(new long[] {32, 1, 12, 12}).muli(3).addi(1);
        DeployedForm deployed = DeployedForm.of(Task.CLASSIFICATION, arch, trained, collapse, 5, features, "candidate 0");
        assertTrue(deployed.maxAbsDiff() <= DeployedForm.TOLERANCE, "diff " + deployed.maxAbsDiff());
        assertEquals(32, deployed.images());
        // (not necessarily fewer parameters: a 1×3 and a 3×1 branch merge into one 3×3)
        assertTrue(deployed.architecture().nodes().size() < arch.nodes().size(), "one conv per slot");

        ByteArrayOutputStream file = new ByteArrayOutputStream();
        ModelSerializer.writeModel(deployed.graph(), file, false);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(file.toByteArray()), false);
        assertEquals(deployed.graph().outputSingle(false, features), loaded.outputSingle(false, features));
    }
}
