package io.hwnas.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.hwnas.arch.Architecture;
import io.hwnas.data.FashionMnist;
import io.hwnas.data.ImageDataset;
import io.hwnas.dl4j.Trainer;
import io.hwnas.io.Mappers;
import io.hwnas.spark.cli.HwnasCli;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.finaltrain.FrontMember;
import io.hwnas.spark.finaltrain.ImageFiles;
import io.hwnas.spark.finaltrain.SampleOrder;
import io.hwnas.spark.store.CompletedRun;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real sweep, then its front trained with dl4j-spark parameter averaging on local[2] and exported.
 * The nets are small CNNs with batch-norm, so every deployed net is a collapsed one (batch-norm
 * folded into the convs); RepNAS-style branch merges of the same export path are checked without
 * Spark in {@code FinalTrainingPartsTest}, because RepNAS nets barely learn in 1,000 images
 * (test accuracy ~0.2 under parameter averaging, scripts/bench-final-training).
 */
class FinalTrainingJobTest {

    /** Seed 3 puts 3 of the 3 candidates on the front (ReLU, SiLU and hard-swish nets), so several are trained. */
    static String sweepConfig(Path output) {
        return SmallSweeps.config("final", 3, 3, """
                data: {trainSamples: 256, validationSamples: 256}
                training: {epochs: 1, batchSize: 32, learningRate: 0.003}
                devices: [host-cpu]
                output: %s
                """.formatted(output));
    }

    @Test
    void trainsTheFrontOnSparkAndExportsTrainedAndDeployedModels(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        Path run = SmallSweeps.sweep(tmp, sweepConfig(tmp.resolve("runs")));
        List<Map<String, String>> front = SweepEndToEndTest.readCsv(run.resolve("pareto-search.csv"));
        assertFalse(front.isEmpty());

        assertEquals(0, HwnasCli.execute("train-front", run.toString(), "--master", "local[2]", "--epochs", "1",
                "--train-samples", "1000", "--test-samples", "500"));

        Path dir = run.resolve(FinalTrainingJob.DIRECTORY);
        assertFalse(Files.exists(run.resolve(".final.inprogress")), "no staging directory left behind");
        List<Map<String, String>> rows = SweepEndToEndTest.readCsv(dir.resolve(FinalTrainingJob.CSV_FILE));
        assertEquals(front.stream().map(r -> r.get("candidate_id")).toList(),
                rows.stream().map(r -> r.get("candidate_id")).toList(), "every front member, in front order");

        CompletedRun completed = CompletedRun.open(run.toString(), new Configuration());
        SweepConfig sweep = FinalTrainingJob.sweepConfig(completed);
        int[] testImages = new SampleOrder(10_000, 500, sweep.data().seed(), null).selection();
        for (Map<String, String> row : rows) {
            String id = row.get("candidate_id");
            assertEquals("1000", row.get("train_samples"));
            assertEquals("500", row.get("test_samples"));
            assertEquals(FinalTrainingJob.seed(completed.seed(), Integer.parseInt(id)), Long.parseLong(row.get("seed")));
            double accuracy = Double.parseDouble(row.get("test_accuracy"));
            // 1 epoch on 1,000 images is 3 rounds of 5 minibatches per worker: 0.60-0.67 for these CNNs (0.1 is chance)
            assertTrue(accuracy > 0.4, "candidate " + id + ": test accuracy " + accuracy);
            assertTrue(Double.isFinite(Double.parseDouble(row.get("test_loss"))));

            // the files load back and score exactly what the distributed evaluation reported
            ComputationGraph trained = ModelSerializer.restoreComputationGraph(
                    dir.resolve(row.get("model_file")).toFile(), true);
            Architecture arch = sweep.space().decode(FrontMember.resolve(sweep.space(),
                    front.stream().filter(f -> f.get("candidate_id").equals(id)).findFirst().orElseThrow(),
                    "pareto-search.csv", "accuracy").choice());
            ImageDataset test = ImageFiles.test(sweep.data().path());
            DataSet batch = Trainer.toDataSet(test, testImages, arch);
            Evaluation local = new Evaluation(test.numClasses());
            local.eval(batch.getLabels(), trained.outputSingle(false, batch.getFeatures()));
            assertEquals(local.accuracy(), accuracy, 1e-9, "candidate " + id);

            assertTrue(Integer.parseInt(row.get("rewrites")) > 0, "batch-norm folds: " + row);
            assertFalse(row.get("deployed_fingerprint").equals(row.get("fingerprint")));
            ComputationGraph deployed = ModelSerializer.restoreComputationGraph(
                    dir.resolve(row.get("deployed_model_file")).toFile(), false);
            assertTrue(deployed.numParams() < trained.numParams(), "folded batch-norm");
            double diff = Transforms.abs(trained.outputSingle(false, batch.getFeatures())
                    .sub(deployed.outputSingle(false, batch.getFeatures()))).maxNumber().doubleValue();
            assertTrue(diff < 1e-4, "candidate " + id + ": deployed model differs by " + diff);
            double recorded = Double.parseDouble(row.get("deployed_max_abs_diff"));
            assertTrue(recorded >= 0 && recorded < 1e-4, row.toString());
            assertEquals(256, Integer.parseInt(row.get("deployed_check_images")));
        }

        JsonNode provenance = Mappers.json().readTree(dir.resolve(FinalTrainingJob.PROVENANCE_FILE).toFile());
        assertEquals(completed.runId(), provenance.get("sourceRunId").asText());
        assertEquals("local[2]", provenance.get("sparkMaster").asText());
        assertEquals(2, provenance.get("workers").asInt());
        assertEquals(1, provenance.get("settings").get("epochs").asInt());
        assertEquals(60_000, provenance.get("trainImages").asInt());
        assertEquals(5, provenance.get("trainingMaster").get("averagingFrequency").asInt());
        assertFalse(provenance.get("build").get("dl4jVersion").asText().contains("${"));

        // a second training would overwrite the first: refused before Spark starts, the first left as it was
        assertEquals(HwnasCli.BAD_INPUT, HwnasCli.execute("train-front", run.toString(), "--master", "local[2]"));
        assertEquals(rows, SweepEndToEndTest.readCsv(dir.resolve(FinalTrainingJob.CSV_FILE)));

        // with --force it is replaced, and the same seeds give the same weights bit for bit on local[2]
        // (two workers: the averaged sum does not depend on which task finishes first)
        String first = rows.get(0).get("model_file");
        INDArray before = ModelSerializer.restoreComputationGraph(dir.resolve(first).toFile(), false).params();
        assertEquals(0, HwnasCli.execute("train-front", run.toString(), "--master", "local[2]", "--epochs", "1",
                "--train-samples", "1000", "--test-samples", "500", "--candidate", rows.get(0).get("candidate_id"),
                "--force"));
        List<Map<String, String>> again = SweepEndToEndTest.readCsv(dir.resolve(FinalTrainingJob.CSV_FILE));
        assertEquals(1, again.size());
        assertEquals(rows.get(0).get("test_accuracy"), again.get(0).get("test_accuracy"));
        assertEquals(rows.get(0).get("test_loss"), again.get(0).get("test_loss"));
        assertEquals(before, ModelSerializer.restoreComputationGraph(dir.resolve(first).toFile(), false).params());
    }
}
