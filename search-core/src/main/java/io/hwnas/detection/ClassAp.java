package io.hwnas.detection;

import java.io.Serializable;

/**
 * One class's scores.
 *
 * @param groundTruths how many objects of the class the evaluated images hold
 * @param ap50 VOC all-point AP at IoU 0.5
 * @param ap50to95 COCO 101-point AP averaged over IoU 0.50:0.05:0.95
 */
public record ClassAp(int classId, int groundTruths, double ap50, double ap50to95) implements Serializable {
}
