package io.hwnas.dl4j;

import io.hwnas.arch.Architecture;
import io.hwnas.data.DataSettings;
import io.hwnas.data.FashionMnist;
import io.hwnas.space.Choice;
import io.hwnas.space.ImageInput;
import io.hwnas.space.PlainSrSpace;
import io.hwnas.sr.SrDataset;
import io.hwnas.sr.SrImage;
import io.hwnas.sr.SuperResolution;
import io.hwnas.arch.ActivationType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Super-resolution training and scoring on the Fashion-MNIST fallback: 24×24 patches of 28×28 items, ×2. */
class SuperResolutionTrainerTest {
    private static final SuperResolution TASK = new SuperResolution(2, 24, SuperResolution.Loss.L1,
            SuperResolution.Input.BICUBIC_UPSCALED);
    private static final PlainSrSpace SPACE = new PlainSrSpace(new ImageInput(1, 24, 24), List.of(8), List.of(3), 3,
            ActivationType.RELU, true);
    private static SrDataset data;

    @BeforeAll
    static void load() {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        data = SrDataset.get(new DataSettings(FashionMnist.DEFAULT_DIRECTORY, 128, 16, 0, 3), 2);
    }

    @Test
    void aNetThatAddsNothingScoresExactlyAsBicubic() {
        Architecture arch = SPACE.decode(new Choice(List.of(0, 0)));
        ComputationGraph graph = GraphBuilder.buildImageRegression(arch, 1, 1e-3, LossFunctions.LossFunction.L1);
        // the residual net with a zero last conv is the identity on its input, the bicubic-upscaled image
        graph.getLayer("conv2").params().assign(0);
        TrainingOutcome o = SuperResolutionTrainer.evaluate(graph, data, TASK, 0, 0);
        assertEquals(data.bicubicPsnr(), o.psnr(), 1e-9);
        assertEquals(o.psnrBicubic(), o.psnr(), 1e-9);
        double expected = data.heldOut().stream().mapToDouble(SrImage::bicubicPsnr).average().orElseThrow();
        assertEquals(expected, o.psnrBicubic(), 1e-12);
        assertTrue(o.ssim() > 0.5 && o.ssim() < 1, "ssim " + o.ssim());
        assertTrue(Double.isNaN(o.accuracy()));
    }

    @Test
    void trainingIsSeededAndMovesTheNetAwayFromBicubic() {
        Architecture arch = SPACE.decode(new Choice(List.of(0, 0)));
        TrainingSettings settings = new TrainingSettings(2, 16, 1e-3);
        TrainingOutcome a = SuperResolutionTrainer.trainAndEvaluate(arch, data, TASK, settings, 5, Integer.MAX_VALUE);
        TrainingOutcome b = SuperResolutionTrainer.trainAndEvaluate(arch, data, TASK, settings, 5, Integer.MAX_VALUE);
        assertEquals(a.psnr(), b.psnr(), 1e-9, "same seed, same patches and weights");
        assertEquals(2 * 128, a.trainSamples());
        assertEquals(16, a.validationSamples());
        assertNotEquals(a.psnrBicubic(), a.psnr());
        assertTrue(Double.isFinite(a.loss()) && a.loss() > 0 && a.loss() < 1, "loss " + a.loss());
        assertEquals(64, SuperResolutionTrainer.trainAndEvaluate(arch, data, TASK, settings, 5, 32).trainSamples());
    }
}
