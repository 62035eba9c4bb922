package io.hwnas.detection;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Hand-computed cases; every expected value is derived in the comment above it. */
class MeanAveragePrecisionTest {

    private static final double TOLERANCE = 1e-6;

    private static Box box(double x1, double y1, double x2, double y2) {
        return new Box(x1, y1, x2, y2);
    }

    private static GroundTruth gt(Box b, int c) {
        return new GroundTruth(b, c);
    }

    private static Detection det(Box b, int c, double score) {
        return new Detection(b, c, score);
    }

    /**
     * One class, four ground truths in two images; ranked detections TP, FP, TP, FP, TP (one object never found).
     * <pre>
     * rank  TP/FP  precision  recall  envelope (max to the right)
     *  1     TP    1/1        1/4     1
     *  2     FP    1/2        1/4     2/3
     *  3     TP    2/3        2/4     2/3
     *  4     FP    2/4        2/4     3/5
     *  5     TP    3/5        3/4     3/5
     * VOC all-point AP = Σ Δrecall · envelope = 1/4·1 + 1/4·2/3 + 1/4·3/5 = 15/60 + 10/60 + 9/60 = 34/60 = 17/30
     * </pre>
     */
    @Test
    void vocAllPointWithAFalsePositiveAndAMissedObject() {
        ImagePredictions first = new ImagePredictions(
                List.of(gt(box(0, 0, 10, 10), 0), gt(box(20, 0, 30, 10), 0), gt(box(40, 0, 50, 10), 0)),
                List.of(det(box(0, 0, 10, 10), 0, 0.9),        // rank 1: TP (IoU 1)
                        det(box(60, 60, 70, 70), 0, 0.8),      // rank 2: FP (no overlap)
                        det(box(21, 0, 31, 10), 0, 0.5)));     // rank 5: TP (IoU 90/110 = 0.82 with the second)
        ImagePredictions second = new ImagePredictions(
                List.of(gt(box(0, 0, 10, 10), 0)),
                List.of(det(box(0, 0, 10, 8), 0, 0.7),         // rank 3: TP (IoU 0.8)
                        det(box(50, 50, 60, 60), 0, 0.6)));    // rank 4: FP
        DetectionScores scores = MeanAveragePrecision.evaluate(List.of(first, second));
        assertEquals(17.0 / 30, scores.map50(), TOLERANCE);
        assertEquals(17.0 / 30, AveragePrecision.allPoint(new RankedMatches(
                new boolean[] {true, false, true, false, true}, 4)), TOLERANCE);
        assertEquals(List.of(new ClassAp(0, 4, scores.map50(), scores.map50to95())), scores.perClass());
    }

    /**
     * Two ground truths. The detection scored 0.9 overlaps g1 with IoU 0.6, the one scored 0.8 overlaps g1 exactly:
     * matching goes by score, so 0.9 takes g1 and the better-placed 0.8 is a duplicate, a false positive; 0.7 finds g2.
     * <pre>
     * rank  TP/FP  precision  recall  envelope
     *  1     TP    1          1/2     1
     *  2     FP    1/2        1/2     2/3
     *  3     TP    2/3        1       2/3
     * VOC AP = 1/2·1 + 1/2·2/3 = 5/6
     * </pre>
     * Counting the duplicate as a hit instead would give 1.
     */
    @Test
    void aDuplicateDetectionIsAFalsePositive() {
        ImagePredictions image = new ImagePredictions(
                List.of(gt(box(0, 0, 10, 10), 0), gt(box(30, 0, 40, 10), 0)),
                List.of(det(box(0, 0, 10, 6), 0, 0.9),         // IoU 60/100 = 0.6 with g1
                        det(box(0, 0, 10, 10), 0, 0.8),        // IoU 1 with g1, already taken
                        det(box(30, 0, 40, 10), 0, 0.7)));
        assertEquals(5.0 / 6, MeanAveragePrecision.evaluate(List.of(image)).map50(), TOLERANCE);
    }

    /**
     * Class 0 found perfectly (AP 1), class 1 has a ground truth but no detection (AP 0), class 2 only a detection and
     * no ground truth (left out of the mean): mAP@0.5 = (1 + 0) / 2 = 1/2, and the same at every COCO threshold.
     */
    @Test
    void aClassWithoutDetectionsCountsZeroAndOneWithoutGroundTruthNotAtAll() {
        ImagePredictions image = new ImagePredictions(
                List.of(gt(box(0, 0, 10, 10), 0), gt(box(20, 20, 30, 30), 1)),
                List.of(det(box(0, 0, 10, 10), 0, 0.9), det(box(50, 50, 60, 60), 2, 0.95)));
        DetectionScores scores = MeanAveragePrecision.evaluate(List.of(image));
        assertEquals(0.5, scores.map50(), TOLERANCE);
        assertEquals(0.5, scores.map50to95(), TOLERANCE);
        assertEquals(List.of(new ClassAp(0, 1, 1, 1), new ClassAp(1, 1, 0, 0)), scores.perClass());
    }

    /**
     * COCO mAP@0.5:0.95 by hand. Three ground truths of one class: g1, g2 in the first image, g3 in the second.
     * Detections: a (0.9) = g1 exactly (IoU 1); b (0.8) far from everything; c (0.7) over g3 with IoU 72/100 = 0.72.
     * g2 is never found.
     * <pre>
     * IoU thresholds 0.50 … 0.70 (5 of 10): ranks TP, FP, TP
     *   precision 1, 1/2, 2/3 → envelope 1, 2/3, 2/3;  recall 1/3, 1/3, 2/3
     *   recall points 0.00 … 0.33 (34 of them) reach recall 1/3 at rank 1: precision 1
     *   recall points 0.34 … 0.66 (33) first reach recall at rank 3 (2/3):  precision 2/3
     *   recall points 0.67 … 1.00 (34) are never reached:                   precision 0
     *   AP = (34·1 + 33·2/3 + 34·0) / 101 = 56/101
     * IoU thresholds 0.75 … 0.95 (5 of 10): c misses, ranks TP, FP, FP
     *   envelope 1, 1/2, 1/3; recall 1/3 at most: AP = 34/101
     * mAP@0.5:0.95 = (5 · 56/101 + 5 · 34/101) / 10 = 45/101
     * VOC at 0.5: 1/3·1 + 1/3·2/3 = 5/9 (the 101-point AP at 0.5 is 56/101 = 0.5545, not 0.5556)
     * </pre>
     */
    @Test
    void cocoOneHundredOnePointOverTenThresholds() {
        ImagePredictions first = new ImagePredictions(
                List.of(gt(box(0, 0, 10, 10), 0), gt(box(20, 0, 30, 10), 0)),
                List.of(det(box(0, 0, 10, 10), 0, 0.9)));
        ImagePredictions second = new ImagePredictions(
                List.of(gt(box(0, 0, 10, 10), 0)),
                List.of(det(box(50, 50, 60, 60), 0, 0.8), det(box(0, 0, 10, 7.2), 0, 0.7)));
        DetectionScores scores = MeanAveragePrecision.evaluate(List.of(first, second));
        assertEquals(45.0 / 101, scores.map50to95(), TOLERANCE);
        assertEquals(5.0 / 9, scores.map50(), TOLERANCE);
        assertEquals(56.0 / 101, AveragePrecision.interpolated101(new RankedMatches(new boolean[] {true, false, true}, 3)),
                TOLERANCE);
        assertEquals(34.0 / 101, AveragePrecision.interpolated101(new RankedMatches(new boolean[] {true, false, false}, 3)),
                TOLERANCE);
    }

    /**
     * A recall exactly on a recall point: two ground truths, ranks FP, TP, TP. Precision 0, 1/2, 2/3; envelope 2/3 at
     * every rank. Recall reaches 1/2 at rank 2 and 1 at rank 3, so every one of the 101 points reads 2/3: AP = 2/3.
     * All-point: 1/2·2/3 + 1/2·2/3 = 2/3 too.
     */
    @Test
    void recallPointsOnTheBoundary() {
        RankedMatches m = new RankedMatches(new boolean[] {false, true, true}, 2);
        assertEquals(2.0 / 3, AveragePrecision.interpolated101(m), TOLERANCE);
        assertEquals(2.0 / 3, AveragePrecision.allPoint(m), TOLERANCE);
        assertEquals(0.0, AveragePrecision.interpolated101(new RankedMatches(new boolean[0], 2)));
        assertEquals(0.0, AveragePrecision.allPoint(new RankedMatches(new boolean[] {false}, 2)));
    }

    /** pycocotools counts only an image's 100 highest-scoring detections of a class; VOC counts all. */
    @Test
    void cocoCountsTheHundredBestDetectionsPerImageAndClass() {
        // 100 false positives scored above the one true positive: COCO never sees the TP, VOC ranks it 101st
        List<Detection> detections = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            detections.add(det(box(100 + i, 100, 101 + i, 101), 0, 0.9));
        }
        detections.add(det(box(0, 0, 10, 10), 0, 0.1));
        DetectionScores scores = MeanAveragePrecision.evaluate(List.of(
                new ImagePredictions(List.of(gt(box(0, 0, 10, 10), 0)), detections)));
        assertEquals(0.0, scores.map50to95());
        assertEquals(1.0 / 101, scores.map50(), TOLERANCE);
    }

    @Test
    void noGroundTruthAtAllIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MeanAveragePrecision.evaluate(
                List.of(new ImagePredictions(List.of(), List.of(det(box(0, 0, 1, 1), 0, 0.5))))));
        assertEquals("the 1 images hold no ground truth, so mAP is undefined", e.getMessage());
    }
}
