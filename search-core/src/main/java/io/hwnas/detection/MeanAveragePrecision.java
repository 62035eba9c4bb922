package io.hwnas.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * mAP@0.5 (PASCAL VOC all-point AP at IoU 0.5) and mAP@0.5:0.95 (COCO: 101-point AP averaged over ten IoU
 * thresholds), both averaged over the classes with at least one ground truth in the images; classes that only have
 * detections do not count, classes with ground truth but no detections count as 0. Both match detections to ground
 * truth the pycocotools way ({@link RankedMatches}); the VOC devkit's own matcher would differ only when a detection's
 * best-overlapping ground truth is taken but another above the threshold is free (it counts a false positive there).
 * No crowd or ignore regions and no area ranges: every ground truth counts.
 */
public final class MeanAveragePrecision {

    /** pycocotools' {@code maxDets} for its AP: per image and class, only the 100 highest-scoring detections count. */
    public static final int COCO_MAX_DETECTIONS = 100;

    /** 0.50, 0.55, …, 0.95 as numpy's {@code linspace(.5, .95, 10)} computes them (0.8999999999999999 included). */
    private static final double[] COCO_IOUS = new double[10];

    static {
        double step = (0.95 - 0.5) / 9;
        for (int i = 0; i < 9; i++) {
            COCO_IOUS[i] = i * step + 0.5;
        }
        COCO_IOUS[9] = 0.95;
    }

    private MeanAveragePrecision() {
    }

    /** @throws IllegalArgumentException when no image holds a ground truth, where mAP has no value */
    public static DetectionScores evaluate(List<ImagePredictions> images) {
        TreeSet<Integer> classes = new TreeSet<>();
        images.forEach(i -> i.groundTruths().forEach(g -> classes.add(g.classId())));
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("the " + images.size() + " images hold no ground truth, so mAP is undefined");
        }
        List<ClassAp> perClass = new ArrayList<>();
        for (int c : classes) {
            RankedMatches voc = RankedMatches.of(images, c, 0.5, Integer.MAX_VALUE);
            double coco = 0;
            for (double iou : COCO_IOUS) {
                coco += AveragePrecision.interpolated101(RankedMatches.of(images, c, iou, COCO_MAX_DETECTIONS));
            }
            perClass.add(new ClassAp(c, voc.groundTruths(), AveragePrecision.allPoint(voc), coco / COCO_IOUS.length));
        }
        return new DetectionScores(perClass.stream().mapToDouble(ClassAp::ap50).average().orElseThrow(),
                perClass.stream().mapToDouble(ClassAp::ap50to95).average().orElseThrow(), perClass);
    }
}
