package io.hwnas.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.hwnas.arch.Architecture;
import io.hwnas.data.FashionMnist;
import io.hwnas.dl4j.SuperResolutionTrainer;
import io.hwnas.dl4j.TrainingOutcome;
import io.hwnas.io.Mappers;
import io.hwnas.spark.cli.HwnasCli;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.export.ModelExport;
import io.hwnas.spark.finaltrain.FrontMember;
import io.hwnas.spark.store.CompletedRun;
import io.hwnas.sr.LumaImage;
import io.hwnas.sr.SrDataset;
import io.hwnas.sr.SrImage;
import io.hwnas.sr.SuperResolution;
import org.apache.hadoop.conf.Configuration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A super-resolution sweep of SESR nets on the tests' Fashion-MNIST fallback, its front trained with parameter
 * averaging on local[2] and scored as the sweep scores (PSNR, SSIM, bicubic baseline on whole held-out images), then
 * exported: the collapsed net carries the trained weights and gives the trained net's output on a held-out image.
 */
@Tag("slow") // a sweep, a final training and an export, about a minute: run by scripts/test
class SuperResolutionFinalTrainingTest {
    private static final int TEST_IMAGES = 8;

    /** SESR ×2 fed 8×8 low-resolution patches, 64 patches per epoch, 16 held-out 28×28 items. */
    static String sweepConfig(Path output) {
        return """
                name: sesr-final
                seed: 5
                task: {type: super-resolution, scale: 2, patchSize: 16, loss: l1, input: low-resolution}
                space:
                  type: sesr
                  input: {channels: 1, height: 8, width: 8}
                  scale: 2
                  features: [4, 8]
                  blocks: [1]
                  expansions: [8]
                  kernels: [3]
                search:
                  evaluations: 2
                  objectives: [{maximize: psnr}, {minimize: macs}]
                  reference: {macs: 1.0e6}
                data: {path: %s, trainSamples: 64, validationSamples: 16}
                training: {epochs: 1, batchSize: 16, learningRate: 0.003}
                devices: [host-cpu]
                output: %s
                """.formatted(FashionMnist.DEFAULT_DIRECTORY, output);
    }

    @Test
    void trainsTheFrontForPsnrAndExportsTheCollapsedNetWithTheTrainedWeights(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        Path run = SmallSweeps.sweep(tmp, sweepConfig(tmp.resolve("runs")));
        List<Map<String, String>> front = SweepEndToEndTest.readCsv(run.resolve("pareto-search.csv"));
        assertFalse(front.isEmpty());

        // bad input stays one line and exit 2, before anything is trained
        assertEquals(HwnasCli.BAD_INPUT, HwnasCli.execute("train-front", run.toString(), "--master", "local[2]",
                "--test-samples", "17"));
        assertFalse(Files.exists(run.resolve(FinalTrainingJob.DIRECTORY)));

        assertEquals(0, HwnasCli.execute("train-front", run.toString(), "--master", "local[2]", "--epochs", "1",
                "--train-samples", "96", "--test-samples", "" + TEST_IMAGES, "--batch-size", "16"));
        Path dir = run.resolve(FinalTrainingJob.DIRECTORY);
        List<Map<String, String>> rows = SweepEndToEndTest.readCsv(dir.resolve(FinalTrainingJob.CSV_FILE));
        assertEquals(front.stream().map(r -> r.get("candidate_id")).toList(),
                rows.stream().map(r -> r.get("candidate_id")).toList(), "every front member, in front order");
        assertEquals(List.of("candidate_id", "fingerprint", "choices", "test_psnr", "test_ssim", "test_psnr_bicubic",
                "test_loss", "sweep_psnr", "test_samples"), List.copyOf(rows.get(0).keySet()).subList(0, 9));

        CompletedRun completed = CompletedRun.open(run.toString(), new Configuration());
        SweepConfig sweep = FinalTrainingJob.sweepConfig(completed);
        SuperResolution task = sweep.task().superResolution();
        SrDataset all = SrDataset.get(sweep.data(), task.scale());
        SrDataset scored = new SrDataset(all.train(), all.heldOut().subList(0, TEST_IMAGES), 1);
        SrImage held = scored.heldOut().get(0);
        LumaImage input = held.input(task.input());
        INDArray image = Nd4j.create(input.pixels(), new long[] {1, 1, input.height(), input.width()});
        for (Map<String, String> row : rows) {
            String id = row.get("candidate_id");
            assertEquals("96", row.get("train_samples"));
            assertEquals("" + TEST_IMAGES, row.get("test_samples"));
            Map<String, String> sweepRow = front.stream().filter(f -> f.get("candidate_id").equals(id)).findFirst()
                    .orElseThrow();
            assertEquals(Double.parseDouble(sweepRow.get("psnr")), Double.parseDouble(row.get("sweep_psnr")));

            // the trained file scores exactly what final training reported, on the same held-out images
            ComputationGraph trained = ModelSerializer.restoreComputationGraph(
                    dir.resolve(row.get("model_file")).toFile(), true);
            TrainingOutcome local = SuperResolutionTrainer.evaluate(trained, scored, task, 0, 0);
            double psnr = Double.parseDouble(row.get("test_psnr"));
            assertEquals(local.psnr(), psnr, 1e-9, "candidate " + id);
            assertEquals(local.ssim(), Double.parseDouble(row.get("test_ssim")), 1e-9);
            assertEquals(scored.bicubicPsnr(), Double.parseDouble(row.get("test_psnr_bicubic")), 1e-9);
            assertTrue(psnr > 5 && psnr < 100, "candidate " + id + ": psnr " + psnr);
            System.out.printf("final training, candidate %s %s: psnr %.3f dB (bicubic %.3f), ssim %.4f%n", id,
                    row.get("choices"), psnr, scored.bicubicPsnr(), local.ssim());

            // SESR trains expanded and deploys collapsed: the deployed file gives the trained output
            assertTrue(Integer.parseInt(row.get("rewrites")) > 0, "SESR's linear blocks collapse: " + row);
            assertNotEquals(row.get("fingerprint"), row.get("deployed_fingerprint"));
            ComputationGraph deployed = ModelSerializer.restoreComputationGraph(
                    dir.resolve(row.get("deployed_model_file")).toFile(), false);
            assertTrue(deployed.numParams() < trained.numParams(), "collapsed");
            assertTrue(maxAbsDiff(trained, deployed, image) < 1e-4, "candidate " + id);
            assertEquals(1, Integer.parseInt(row.get("deployed_check_images")));
        }

        // export: the trained weights mapped onto the collapsed net, checked on a held-out image
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, HwnasCli.execute("export", run.toString()));
        } finally {
            System.setOut(stdout);
        }
        Path export = run.resolve(ModelExport.DEFAULT_DIRECTORY);
        JsonNode manifest = Mappers.json().readTree(export.resolve(ModelExport.MANIFEST).toFile());
        assertEquals(rows.size(), manifest.get("members").size());
        for (JsonNode m : manifest.get("members")) {
            int id = m.get("candidateId").asInt();
            Map<String, String> row = rows.stream().filter(r -> r.get("candidate_id").equals("" + id)).findFirst()
                    .orElseThrow();
            assertTrue(m.get("trained").asBoolean());
            assertEquals(Double.parseDouble(row.get("test_psnr")), m.get("test").get("psnr").asDouble());
            assertEquals(Double.parseDouble(row.get("test_psnr_bicubic")), m.get("test").get("psnr_bicubic").asDouble());
            assertTrue(m.get("checkedOn").asText().startsWith("1 held-out image (14x14 input)"), m.toString());
            assertTrue(m.get("maxAbsDiff").asDouble() <= 1e-4, m.toString());
            Architecture arch = sweep.space().decode(FrontMember.resolve(sweep.space(), front.stream()
                    .filter(f -> f.get("candidate_id").equals("" + id)).findFirst().orElseThrow(), "pareto-search.csv",
                    "psnr").choice());
            assertEquals(arch.fingerprint(), m.get("fingerprint").asText());
            ComputationGraph trained = ModelSerializer.restoreComputationGraph(
                    export.resolve(m.get("files").get("model").asText()).toFile(), false);
            ComputationGraph deployed = ModelSerializer.restoreComputationGraph(
                    export.resolve(m.get("files").get("deployedModel").asText()).toFile(), false);
            assertTrue(maxAbsDiff(trained, deployed, image) < 1e-4, "candidate " + id);
        }
        String table = printed.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("test_psnr"), table);

        // a candidate that is not on the front (or failed) is bad input: one line, exit 2, nothing replaced
        assertEquals(HwnasCli.BAD_INPUT, HwnasCli.execute("export", run.toString(), "--candidate", "999", "--force",
                "--out", tmp.resolve("other").toString()));
        assertFalse(Files.exists(tmp.resolve("other")));
    }

    private static double maxAbsDiff(ComputationGraph a, ComputationGraph b, INDArray input) {
        return Transforms.abs(a.outputSingle(false, input).sub(b.outputSingle(false, input))).maxNumber().doubleValue();
    }
}
