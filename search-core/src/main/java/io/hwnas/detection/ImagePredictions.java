package io.hwnas.detection;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;

/** One evaluated image: its labelled objects and what the detector reported for it (after NMS). */
public record ImagePredictions(List<GroundTruth> groundTruths, List<Detection> detections) implements Serializable {

    public ImagePredictions {
        if (groundTruths == null || detections == null) {
            throw new IllegalArgumentException("fields 'groundTruths' and 'detections' are required (empty when none)");
        }
        groundTruths = List.copyOf(groundTruths);
        detections = List.copyOf(detections);
    }

    /**
     * This image with only its highest-scoring detections, as many as it has objects: what a drawing shows. After a
     * sweep's budget every score is low, so a score floor would keep nothing or everything; these are the net's best
     * guesses.
     */
    public ImagePredictions strongest() {
        return new ImagePredictions(groundTruths, detections.stream()
                .sorted(Comparator.comparingDouble(Detection::score).reversed()).limit(groundTruths.size()).toList());
    }
}
