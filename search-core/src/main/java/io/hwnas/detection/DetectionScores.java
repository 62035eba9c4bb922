package io.hwnas.detection;

import java.io.Serializable;
import java.util.List;

/**
 * A detector's scores on a set of images, each a mean over the classes that have ground truth there.
 *
 * @param map50 mAP@0.5: VOC all-point AP at IoU 0.5
 * @param map50to95 mAP@0.5:0.95: COCO 101-point AP at IoU 0.50, 0.55, …, 0.95
 * @param perClass the classes with ground truth, ascending
 */
public record DetectionScores(double map50, double map50to95, List<ClassAp> perClass) implements Serializable {

    public DetectionScores {
        perClass = List.copyOf(perClass);
    }
}
