package io.hwnas.detection;

/**
 * The two standard areas under a precision-recall curve, from a ranked list of true and false positives and the
 * number of ground truths. Both first make precision monotone: each point takes the highest precision at its recall
 * or any higher recall (the "envelope"). A class with ground truths but no detections has AP 0.
 */
final class AveragePrecision {

    /** COCO's recall points 0, 0.01, …, 1, computed as numpy's {@code linspace(0, 1, 101)} does (i × 0.01). */
    private static final double[] RECALL_POINTS = new double[101];

    static {
        for (int i = 0; i < RECALL_POINTS.length; i++) {
            RECALL_POINTS[i] = i * (1.0 / 100);
        }
    }

    private AveragePrecision() {
    }

    /**
     * PASCAL VOC (2010 on) all-point interpolation: the exact area under the envelope, Σ (r_i − r_{i−1}) · p_env(r_i)
     * over the ranks where recall rises.
     */
    static double allPoint(RankedMatches matches) {
        double[] precision = envelope(matches);
        boolean[] tp = matches.truePositives();
        double area = 0;
        for (int i = 0; i < tp.length; i++) {
            if (tp[i]) {
                area += precision[i] / matches.groundTruths();
            }
        }
        return area;
    }

    /**
     * COCO's 101-point interpolation (pycocotools {@code accumulate}): the mean over the recall points r of the
     * envelope's precision at the first rank whose recall reaches r, 0 where recall never does.
     */
    static double interpolated101(RankedMatches matches) {
        double[] precision = envelope(matches);
        boolean[] tp = matches.truePositives();
        double sum = 0;
        int rank = 0;
        int truePositives = tp.length > 0 && tp[0] ? 1 : 0;
        for (double point : RECALL_POINTS) {
            // recall only grows with rank, so one forward pass finds every point's first rank
            while (rank < tp.length && (double) truePositives / matches.groundTruths() < point) {
                rank++;
                truePositives += rank < tp.length && tp[rank] ? 1 : 0;
            }
            sum += rank < tp.length ? precision[rank] : 0;
        }
        return sum / RECALL_POINTS.length;
    }

    /** Precision at each rank, then each replaced by the maximum at that rank or later. */
    private static double[] envelope(RankedMatches matches) {
        if (matches.groundTruths() < 1) {
            throw new IllegalArgumentException("average precision needs at least one ground truth of the class");
        }
        boolean[] tp = matches.truePositives();
        double[] precision = new double[tp.length];
        int truePositives = 0;
        for (int i = 0; i < tp.length; i++) {
            truePositives += tp[i] ? 1 : 0;
            precision[i] = (double) truePositives / (i + 1);
        }
        for (int i = precision.length - 2; i >= 0; i--) {
            precision[i] = Math.max(precision[i], precision[i + 1]);
        }
        return precision;
    }
}
