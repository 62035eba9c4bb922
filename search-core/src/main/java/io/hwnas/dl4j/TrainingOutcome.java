package io.hwnas.dl4j;

import io.hwnas.detection.ImagePredictions;

import java.io.Serializable;
import java.util.List;

/**
 * What training and validation of one candidate measured.
 *
 * @param accuracySe standard error of {@code accuracy}: see {@link #of} and {@link #mean}
 * @param validationSamples images the accuracy was measured on
 * @param psnr super-resolution: mean PSNR (dB, Y channel, border shaved) over the held-out images; NaN for
 *     classification, whose accuracy is NaN in turn for super-resolution
 * @param ssim super-resolution: mean SSIM over the same images
 * @param psnrBicubic super-resolution: the bicubic-upscaling baseline's mean PSNR on the same images
 * @param map50 detection: mAP@0.5 on the validation canvases ({@link io.hwnas.detection.MeanAveragePrecision}); NaN
 *     for the other tasks
 * @param map50to95 detection: mAP@0.5:0.95 on the same canvases
 * @param testBoxes detection: the trained net's {@link ImagePredictions#strongest() strongest} boxes on the
 *     {@link DetectionCanvases#shown() shown} test canvases, in canvas order; empty for the other tasks
 */
public record TrainingOutcome(double accuracy, double accuracySe, double loss, double trainSeconds, double evalSeconds,
                              long trainSamples, int validationSamples, double psnr, double ssim, double psnrBicubic,
                              double map50, double map50to95, List<ImagePredictions> testBoxes)
        implements Serializable {

    public TrainingOutcome {
        testBoxes = List.copyOf(testBoxes);
    }

    /** An outcome without boxes. */
    public TrainingOutcome(double accuracy, double accuracySe, double loss, double trainSeconds, double evalSeconds,
                           long trainSamples, int validationSamples, double psnr, double ssim, double psnrBicubic,
                           double map50, double map50to95) {
        this(accuracy, accuracySe, loss, trainSeconds, evalSeconds, trainSamples, validationSamples, psnr, ssim,
                psnrBicubic, map50, map50to95, List.of());
    }

    /** An outcome without detection figures. */
    public TrainingOutcome(double accuracy, double accuracySe, double loss, double trainSeconds, double evalSeconds,
                           long trainSamples, int validationSamples, double psnr, double ssim, double psnrBicubic) {
        this(accuracy, accuracySe, loss, trainSeconds, evalSeconds, trainSamples, validationSamples, psnr, ssim,
                psnrBicubic, Double.NaN, Double.NaN);
    }

    /** A classification outcome: no image-quality figures. */
    public TrainingOutcome(double accuracy, double accuracySe, double loss, double trainSeconds, double evalSeconds,
                           long trainSamples, int validationSamples) {
        this(accuracy, accuracySe, loss, trainSeconds, evalSeconds, trainSamples, validationSamples, Double.NaN,
                Double.NaN, Double.NaN);
    }

    /** Nothing trained or validated: every figure NaN. */
    public static TrainingOutcome none() {
        return new TrainingOutcome(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0);
    }

    /** One super-resolution training's outcome, scored on {@code heldOutImages} whole images. */
    public static TrainingOutcome superResolution(double psnr, double ssim, double psnrBicubic, double loss,
                                                  double trainSeconds, double evalSeconds, long trainSamples,
                                                  int heldOutImages) {
        return new TrainingOutcome(Double.NaN, Double.NaN, loss, trainSeconds, evalSeconds, trainSamples, heldOutImages,
                psnr, ssim, psnrBicubic);
    }

    /** One detection training's outcome, scored on {@code validationCanvases} canvases. */
    public static TrainingOutcome detection(double map50, double map50to95, double loss, double trainSeconds,
                                            double evalSeconds, long trainSamples, int validationCanvases) {
        return new TrainingOutcome(Double.NaN, Double.NaN, loss, trainSeconds, evalSeconds, trainSamples,
                validationCanvases, Double.NaN, Double.NaN, Double.NaN, map50, map50to95);
    }

    /** This outcome with the trained net's boxes on the shown test canvases. */
    public TrainingOutcome withTestBoxes(List<ImagePredictions> boxes) {
        return new TrainingOutcome(accuracy, accuracySe, loss, trainSeconds, evalSeconds, trainSamples,
                validationSamples, psnr, ssim, psnrBicubic, map50, map50to95, boxes);
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
     * The mean of several trainings of one candidate with different seeds on the same data: mean accuracy, loss, PSNR,
     * SSIM and mAP,
     * summed time and samples, the first repeat's boxes (boxes of different nets do not average). The standard error
     * adds two independent sources: se² = p(1-p)/n + s²/R (p the mean
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
                repeats.stream().mapToLong(TrainingOutcome::trainSamples).sum(), n,
                repeats.stream().mapToDouble(TrainingOutcome::psnr).average().orElseThrow(),
                repeats.stream().mapToDouble(TrainingOutcome::ssim).average().orElseThrow(),
                // every repeat scores the same held-out images, so the baseline is the same
                repeats.get(0).psnrBicubic(),
                repeats.stream().mapToDouble(TrainingOutcome::map50).average().orElseThrow(),
                repeats.stream().mapToDouble(TrainingOutcome::map50to95).average().orElseThrow(),
                repeats.get(0).testBoxes());
    }

    public double trainSamplesPerSecond() {
        return trainSeconds > 0 ? trainSamples / trainSeconds : Double.NaN;
    }

    private static double binomialSe(double p, int n) {
        return n > 0 ? Math.sqrt(p * (1 - p) / n) : Double.NaN;
    }
}
