package io.hwnas.eval;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.PoolKind;
import io.hwnas.data.DataSettings;
import io.hwnas.data.DatasetCache;
import io.hwnas.data.FashionMnist;
import io.hwnas.dl4j.Trainer;
import io.hwnas.dl4j.TrainingOutcome;
import io.hwnas.dl4j.TrainingSettings;
import io.hwnas.io.Mappers;
import io.hwnas.proxy.ProxySettings;
import io.hwnas.space.ActivationSpace;
import io.hwnas.space.Choice;
import io.hwnas.space.ConvStage;
import io.hwnas.space.ImageInput;
import io.hwnas.space.Seeds;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** training.repeats on real DL4J training of real Fashion-MNIST, and the standard error through the journal's JSON. */
class RepeatedTrainingTest {
    private static final DataSettings DATA = new DataSettings(FashionMnist.DEFAULT_DIRECTORY, 400, 300, 0, 4);

    private static ActivationSpace space() {
        return new ActivationSpace(new ImageInput(1, 28, 28), 10, List.of(new ConvStage(8, 1, 3, PoolKind.MAX)),
                ActivationSpace.Head.FLATTEN, List.of(ActivationType.RELU), List.of(1.0));
    }

    @Test
    void eachRepeatTrainsWithItsOwnDerivedSeedAndTheResultIsTheirMean() {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        ActivationSpace space = space();
        Candidate c = Candidate.of(space, Choice.of(0), 0, 0, 21);
        TrainingSettings three = new TrainingSettings(1, 32, 3e-3, 3);
        EvaluationResult r = new CandidateEvaluator(DATA, three, ProxySettings.none(), List.of()).evaluate(c);
        assertTrue(r.ok(), r.error());
        assertEquals(3 * 400, r.trainSamples(), "three trainings of the 400 images");

        List<TrainingOutcome> direct = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            direct.add(Trainer.trainAndEvaluate(c.architecture(), DatasetCache.get(DATA), three, Seeds.repeat(c.seed(), i)));
        }
        double mean = direct.stream().mapToDouble(TrainingOutcome::accuracy).average().orElseThrow();
        // DL4J's training is reproducible per seed up to thread scheduling (TrainerTest allows 0.02 as well)
        assertEquals(mean, r.accuracy(), 0.02);
        double binomial = Math.sqrt(r.accuracy() * (1 - r.accuracy()) / 300);
        assertTrue(r.accuracySe() >= binomial - 1e-12 && r.accuracySe() < binomial + 0.05,
                r.accuracySe() + " against the binomial " + binomial);

        EvaluationResult once = new CandidateEvaluator(DATA, new TrainingSettings(1, 32, 3e-3), ProxySettings.none(),
                List.of()).evaluate(c);
        assertEquals(400, once.trainSamples());
        assertEquals(Math.sqrt(once.accuracy() * (1 - once.accuracy()) / 300), once.accuracySe(), 1e-12,
                "one repeat: the binomial error alone");
        assertEquals(direct.get(0).accuracy(), once.accuracy(), 0.02, "repeat 0 trains with the candidate's own seed");
    }

    @Test
    void repeatSeedsAreDistinctAndTheFirstIsTheCandidates() {
        Set<Long> seeds = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            seeds.add(Seeds.repeat(77, i));
        }
        assertEquals(100, seeds.size());
        assertEquals(77, Seeds.repeat(77, 0));
    }

    @Test
    void aJournalEntryWrittenBeforeStandardErrorsReadsAsNaN() throws Exception {
        EvaluationResult r = new EvaluationResult(4, 1, "fp", java.util.Map.of("act", "relu"), Status.OK, null, 0.8,
                0.0125, 0.5, 10, 20, 0, 30, List.of(), 10, 20, 1.5, 0.5, 100, 66.7, 9, "host/1", java.util.Map.of());
        String json = Mappers.json().writeValueAsString(r);
        assertEquals(r, Mappers.json().readValue(json, EvaluationResult.class));
        String old = json.replace("\"accuracySe\":0.0125,", "");
        assertTrue(!old.contains("accuracySe"), old);
        EvaluationResult read = Mappers.json().readValue(old, EvaluationResult.class);
        assertTrue(Double.isNaN(read.accuracySe()), "missing is unknown, not 0: " + read.accuracySe());
        assertEquals(0.8, read.accuracy());
    }
}
