package io.hwnas.dl4j;

import java.io.Serializable;
import java.util.List;

/**
 * What training and validation of one candidate measured.
 *
 * @param accuracySe standard error of {@code accuracy}: see {@link #of} and {@link #mean}
 * @param validationSamples images the accuracy was measured on
 */
public record TrainingOutcome(double accuracy, double accuracySe, double loss, double trainSeconds, double evalSeconds,
                              long trainSamples, int validationSamples) implements Serializable {

    /** Nothing trained or validated: every figure NaN. */
    public static TrainingOutcome none() {
        return new TrainingOutcome(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0);
    }

    /**
     * One training's outcome, its accuracy's standard error binomial: each of the {@code validationSamples}
     * images is right with probability p, so the share right has variance p(1-p)/n.
     */
    public static TrainingOutcome of(double accuracy, double loss, double trainSeconds, double evalSeconds,
                                     long trainSamples, int validationSamples) {
        return new TrainingOutcome(accuracy, binomialSe(accuracy, validationSamples), loss, trainSeconds, evalSeconds,
                trainSamples, validationSamples);
    }

    /**
     * The mean of several trainings of one candidate with different seeds on the same data: mean accuracy and loss,
     * summed time and samples. The standard error adds two independent sources: se² = p(1-p)/n + s²/R (p the mean
     * accuracy, n the validation images, s² the accuracies' sample variance over the R seeds). Averaging over seeds
     * shrinks only the seed term: all repeats are validated on the one fixed set of images, so which images happened
     * to be drawn into it moves every repeat alike and its binomial term stays whole. (s² itself also holds some of
     * the per-image noise, so the sum errs on the wide side.)
     */
    public static TrainingOutcome mean(List<TrainingOutcome> repeats) {
        if (repeats.isEmpty()) {
            throw new IllegalArgumentException("no training outcomes to average");
        }
        if (repeats.size() == 1) {
            return repeats.get(0);
        }
        int r = repeats.size();
        double accuracy = repeats.stream().mapToDouble(TrainingOutcome::accuracy).average().orElseThrow();
        double squares = repeats.stream().mapToDouble(o -> (o.accuracy() - accuracy) * (o.accuracy() - accuracy)).sum();
        int n = repeats.get(0).validationSamples();
        double binomial = binomialSe(accuracy, n);
        double se = Math.sqrt(binomial * binomial + squares / (r - 1) / r);
        return new TrainingOutcome(accuracy, se, repeats.stream().mapToDouble(TrainingOutcome::loss).average().orElseThrow(),
                repeats.stream().mapToDouble(TrainingOutcome::trainSeconds).sum(),
                repeats.stream().mapToDouble(TrainingOutcome::evalSeconds).sum(),
                repeats.stream().mapToLong(TrainingOutcome::trainSamples).sum(), n);
    }

    public double trainSamplesPerSecond() {
        return trainSeconds > 0 ? trainSamples / trainSeconds : Double.NaN;
    }

    private static double binomialSe(double p, int n) {
        return n > 0 ? Math.sqrt(p * (1 - p) / n) : Double.NaN;
    }
}
