package io.hwnas.dl4j;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.data.DatasetSplit;
import io.hwnas.data.FashionMnist;
import io.hwnas.data.SplitSpec;
import io.hwnas.space.ActivationSpace;
import io.hwnas.space.Choice;
import io.hwnas.space.ConvStage;
import io.hwnas.space.ImageInput;
import io.hwnas.arch.PoolKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real brief training on real Fashion-MNIST (a small subset). */
class TrainerTest {
    private static DatasetSplit data;

    @BeforeAll
    static void load() throws Exception {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        data = FashionMnist.load(FashionMnist.DEFAULT_DIRECTORY, new SplitSpec(1000, 300, 0, 3));
    }

    private static Architecture smallCnn() {
        ActivationSpace space = new ActivationSpace(new ImageInput(1, 28, 28), 10,
                List.of(new ConvStage(8, 1, 3, PoolKind.MAX), new ConvStage(16, 1, 3, PoolKind.MAX)),
                ActivationSpace.Head.FLATTEN, List.of(ActivationType.RELU, ActivationType.SILU), List.of(1.0));
        return space.decode(Choice.of(0, 1));
    }

    @Test
    void briefTrainingBeatsChanceAndIsReproducible() {
        TrainingSettings settings = new TrainingSettings(2, 32, 3e-3);
        TrainingOutcome first = Trainer.trainAndEvaluate(smallCnn(), data, settings, 11);
        TrainingOutcome second = Trainer.trainAndEvaluate(smallCnn(), data, settings, 11);
        assertTrue(first.accuracy() > 0.5, "accuracy after 2 epochs on 1,000 images: " + first.accuracy());
        assertTrue(first.loss() > 0 && Double.isFinite(first.loss()));
        assertEquals(2000, first.trainSamples());
        assertEquals(first.accuracy(), second.accuracy(), 0.02, "same seed, same data order");
    }
}
