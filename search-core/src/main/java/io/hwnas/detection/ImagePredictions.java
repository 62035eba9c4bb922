package io.hwnas.detection;

import java.util.List;

/** One evaluated image: its labelled objects and what the detector reported for it (after NMS). */
public record ImagePredictions(List<GroundTruth> groundTruths, List<Detection> detections) {

    public ImagePredictions {
        if (groundTruths == null || detections == null) {
            throw new IllegalArgumentException("fields 'groundTruths' and 'detections' are required (empty when none)");
        }
        groundTruths = List.copyOf(groundTruths);
        detections = List.copyOf(detections);
    }
}
