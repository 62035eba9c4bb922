package io.hwnas.dl4j;

import io.hwnas.io.Mappers;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingOutcomeTest {

    @Test
    void oneTrainingsErrorIsBinomialOnTheValidationImages() {
        TrainingOutcome o = TrainingOutcome.of(0.8, 0.5, 10, 1, 3000, 1000);
        // sqrt(0.8 * 0.2 / 1000) = 0.012649: the "about ±1.3 points on 1,000 images"
        assertEquals(0.0126491, o.accuracySe(), 1e-7);
        assertEquals(0.0, TrainingOutcome.of(1.0, 0.1, 1, 1, 10, 50).accuracySe());
        assertTrue(Double.isNaN(TrainingOutcome.none().accuracySe()));
        assertSame(o, TrainingOutcome.mean(List.of(o)), "one repeat is the training itself");
    }

    @Test
    void repeatsAddTheSeedSpreadToTheBinomialErrorOfTheSharedValidationSet() {
        TrainingOutcome mean = TrainingOutcome.mean(List.of(TrainingOutcome.of(0.80, 0.6, 10, 1, 3000, 2000),
                TrainingOutcome.of(0.82, 0.5, 11, 1, 3000, 2000), TrainingOutcome.of(0.84, 0.4, 12, 2, 3000, 2000)));
        assertEquals(0.82, mean.accuracy(), 1e-12);
        assertEquals(0.5, mean.loss(), 1e-12);
        // p(1-p)/n = 0.82 * 0.18 / 2000 = 7.38e-5; s² = (0.02² + 0 + 0.02²) / 2 = 4e-4, over R = 3: 1.3333e-4
        assertEquals(Math.sqrt(7.38e-5 + 4e-4 / 3), mean.accuracySe(), 1e-12);
        assertEquals(33, mean.trainSeconds(), 1e-12);
        assertEquals(4, mean.evalSeconds(), 1e-12);
        assertEquals(9000, mean.trainSamples());
        assertEquals(2000, mean.validationSamples());
        // equal repeats: nothing but the binomial error is left
        TrainingOutcome same = TrainingOutcome.of(0.9, 0.3, 1, 1, 100, 400);
        assertEquals(same.accuracySe(), TrainingOutcome.mean(List.of(same, same)).accuracySe(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> TrainingOutcome.mean(List.of()));
    }

    @Test
    void repeatsDefaultToOneAndAreValidated() throws Exception {
        TrainingSettings read = Mappers.strictYaml().readValue("{epochs: 2, batchSize: 32, learningRate: 0.002}",
                TrainingSettings.class);
        assertEquals(1, read.repeats());
        assertEquals(3, Mappers.strictYaml().readValue("{epochs: 2, repeats: 3}", TrainingSettings.class).repeats());
        assertEquals(3, new TrainingSettings(1, 32, 1e-3, 3).withEpochs(5).repeats());
        for (int bad : new int[] {0, -1, TrainingSettings.MAX_REPEATS + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new TrainingSettings(1, 32, 1e-3, bad));
            assertTrue(e.getMessage().startsWith("field 'repeats' = " + bad + " must be in 1..100"), e.getMessage());
        }
    }
}
