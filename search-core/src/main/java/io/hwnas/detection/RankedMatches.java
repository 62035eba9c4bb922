package io.hwnas.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One class's detections over a set of images, ranked by score, each marked true positive or false positive at one
 * IoU threshold, and how many ground truths of the class there are: the input of every AP interpolation.
 *
 * <p>Matching is pycocotools' {@code evaluateImg}: per image, detections in score order each take the still unmatched
 * ground truth of their class with the highest IoU, if that IoU is at least the threshold (ties go to the later
 * ground truth, as there); each ground truth is matched at most once, so a duplicate is a false positive. The ranking
 * is by score, ties in image order and then in the order given (a stable sort, as pycocotools' mergesort).
 */
record RankedMatches(boolean[] truePositives, int groundTruths) {

    /** pycocotools caps its IoU threshold below 1 so that an IoU of exactly 1 still matches at threshold 1. */
    private static final double MAX_THRESHOLD = 1 - 1e-10;

    private record Scored(double score, boolean truePositive) {
    }

    /**
     * @param maxPerImage how many of an image's highest-scoring detections of the class count (pycocotools: 100)
     */
    static RankedMatches of(List<ImagePredictions> images, int classId, double iouThreshold, int maxPerImage) {
        List<Scored> ranked = new ArrayList<>();
        int groundTruths = 0;
        for (ImagePredictions image : images) {
            List<Box> truths = image.groundTruths().stream().filter(g -> g.classId() == classId).map(GroundTruth::box).toList();
            groundTruths += truths.size();
            List<Detection> detections = image.detections().stream().filter(d -> d.classId() == classId)
                    .sorted(NonMaxSuppression.BY_SCORE).limit(maxPerImage).toList();
            boolean[] matched = new boolean[truths.size()];
            for (Detection d : detections) {
                int best = -1;
                double bestIou = Math.min(iouThreshold, MAX_THRESHOLD);
                for (int g = 0; g < truths.size(); g++) {
                    double iou = matched[g] ? -1 : d.box().iou(truths.get(g));
                    if (iou >= bestIou) {
                        bestIou = iou;
                        best = g;
                    }
                }
                if (best >= 0) {
                    matched[best] = true;
                }
                ranked.add(new Scored(d.score(), best >= 0));
            }
        }
        ranked.sort(Comparator.comparingDouble(Scored::score).reversed());
        boolean[] truePositives = new boolean[ranked.size()];
        for (int i = 0; i < truePositives.length; i++) {
            truePositives[i] = ranked.get(i).truePositive();
        }
        return new RankedMatches(truePositives, groundTruths);
    }
}
