package io.hwnas.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-class greedy non-maximum suppression, the post-processing of YOLO-style heads: detections scoring below
 * {@code scoreThreshold} are dropped; within each class, from the highest score down, a detection is kept unless its
 * IoU with a kept one of its class exceeds {@code iouThreshold} (torchvision's {@code batched_nms} rule); of all
 * kept, the {@code maxDetections} highest-scoring remain.
 *
 * @param iouThreshold in [0, 1]
 * @param scoreThreshold the lowest score kept
 * @param maxDetections at least 1: detections kept per image
 */
public record NonMaxSuppression(double iouThreshold, double scoreThreshold, int maxDetections) {

    public NonMaxSuppression {
        if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("field 'iouThreshold' = " + iouThreshold + " must be in [0, 1]");
        }
        if (!Double.isFinite(scoreThreshold)) {
            throw new IllegalArgumentException("field 'scoreThreshold' = " + scoreThreshold + " must be finite");
        }
        if (maxDetections < 1) {
            throw new IllegalArgumentException("field 'maxDetections' = " + maxDetections + " must be >= 1");
        }
    }

    /** Highest score first; equal scores keep their input order, so the result depends on nothing else. */
    static final Comparator<Detection> BY_SCORE = Comparator.comparingDouble(Detection::score).reversed();

    /** One image's detections after suppression, highest score first. */
    public List<Detection> apply(List<Detection> detections) {
        Map<Integer, List<Detection>> byClass = new TreeMap<>();
        for (Detection d : detections) {
            if (d.score() >= scoreThreshold) {
                byClass.computeIfAbsent(d.classId(), c -> new ArrayList<>()).add(d);
            }
        }
        List<Detection> kept = new ArrayList<>();
        for (List<Detection> candidates : byClass.values()) {
            candidates.sort(BY_SCORE);
            List<Detection> keptOfClass = new ArrayList<>();
            for (Detection d : candidates) {
                if (keptOfClass.stream().allMatch(k -> k.box().iou(d.box()) <= iouThreshold)) {
                    keptOfClass.add(d);
                }
            }
            kept.addAll(keptOfClass);
        }
        kept.sort(BY_SCORE);
        return List.copyOf(kept.subList(0, Math.min(maxDetections, kept.size())));
    }
}
