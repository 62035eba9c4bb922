package io.hwnas.dl4j;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureException;
import io.hwnas.arch.Shape;
import io.hwnas.arch.zoo.YoloDetector;
import io.hwnas.detection.Box;
import io.hwnas.detection.Detection;
import io.hwnas.detection.GroundTruth;
import org.deeplearning4j.nn.layers.objdetect.YoloUtils;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Anchors, labels and decoding of the YOLO head against hand-made boxes on a 96×96 canvas. */
class YoloHeadTest {

    private static final Architecture NET = new YoloDetector("t", 0.125, 0.33, 2, ActivationType.RELU)
            .build(Shape.image(1, 96, 96), 10);
    private static final YoloHead HEAD = YoloHead.of(NET, 10, 16, 54);

    @Test
    void scalesAndAnchorsFollowTheNetAndTheObjectSizes() {
        assertEquals(2, HEAD.scales().size());
        assertEquals(8, HEAD.scales().get(0).stride());
        assertEquals(12, HEAD.scales().get(0).grid());
        assertEquals(16, HEAD.scales().get(1).stride());
        assertEquals(6, HEAD.scales().get(1).grid());
        // 16·(54/16)^(k/3): 16, 24, 36, 54
        double[] expected = {16, 24, 36, 54};
        for (int k = 0; k < 4; k++) {
            double[] a = HEAD.scales().get(k / 2).anchors().get(k % 2);
            assertEquals(expected[k], a[0], 1e-9);
            assertEquals(expected[k], a[1], 1e-9);
        }
        INDArray priors = HEAD.scales().get(1).priors();
        assertEquals(36.0 / 16, priors.getDouble(0, 0), 1e-6);
        assertEquals(54.0 / 16, priors.getDouble(1, 1), 1e-6);
    }

    @Test
    void aLabelIsItsCornersInGridUnitsAtTheCellOfItsCentreOnTheScaleOfItsBestAnchor() {
        Box small = new Box(10, 20, 28, 38);   // 18×18: anchor 16 (stride 8); centre (19, 29) → cell (row 3, col 2)
        Box large = new Box(40, 30, 90, 80);   // 50×50: anchor 54 (stride 16); centre (65, 55) → cell (row 3, col 4)
        INDArray[] labels = HEAD.labels(List.of(List.of(new GroundTruth(small, 3), new GroundTruth(large, 7))));
        assertEquals(0, HEAD.scaleOf(small));
        assertEquals(1, HEAD.scaleOf(large));
        assertEquals(10 / 8.0, labels[0].getDouble(0, 0, 3, 2), 1e-6);
        assertEquals(20 / 8.0, labels[0].getDouble(0, 1, 3, 2), 1e-6);
        assertEquals(28 / 8.0, labels[0].getDouble(0, 2, 3, 2), 1e-6);
        assertEquals(38 / 8.0, labels[0].getDouble(0, 3, 3, 2), 1e-6);
        assertEquals(1.0, labels[0].getDouble(0, 4 + 3, 3, 2));
        assertEquals(1.0, labels[0].sumNumber().doubleValue() - (10 + 20 + 28 + 38) / 8.0, 1e-5, "one object at P3");
        assertEquals(90 / 16.0, labels[1].getDouble(0, 2, 3, 4), 1e-6);
        assertEquals(1.0, labels[1].getDouble(0, 4 + 7, 3, 4));
    }

    @Test
    void aSecondObjectInATakenCellIsNotLabelled() {
        YoloScale p3 = HEAD.scales().get(0);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 1, 14, 12, 12);
        assertTrue(p3.label(labels, 0, new Box(10, 10, 26, 26), 1));
        assertFalse(p3.label(labels, 0, new Box(11, 11, 27, 27), 2));
        assertEquals(0.0, labels.getDouble(0, 4 + 2, 2, 2));
    }

    /**
     * Network pre-activations chosen so that DL4J's own YOLOv2 activation gives a known box: decoding its output
     * must return that box in canvas pixels, with objectness × class probability as the score.
     */
    @Test
    void decodingDl4jsActivationGivesTheBoxInCanvasPixels() {
        YoloScale p4 = HEAD.scales().get(1);
        int depth = 15;
        INDArray pre = Nd4j.zeros(DataType.FLOAT, 1, 2 * depth, 6, 6).subi(20);   // objectness ~0 everywhere
        // anchor 1 (54 px) at row 2, col 4: centre offset (0.25, 0.75) in the cell, w = 54·e^(ln(40/54)), h = 54
        int b = depth;
        pre.putScalar(new long[] {0, b, 2, 4}, logit(0.25));
        pre.putScalar(new long[] {0, b + 1, 2, 4}, logit(0.75));
        pre.putScalar(new long[] {0, b + 2, 2, 4}, Math.log(40.0 / 54));
        pre.putScalar(new long[] {0, b + 3, 2, 4}, 0);
        pre.putScalar(new long[] {0, b + 4, 2, 4}, logit(0.8));
        for (int c = 0; c < 10; c++) {
            pre.putScalar(new long[] {0, b + 5 + c, 2, 4}, c == 6 ? 10 : 0);
        }
        INDArray activated = YoloUtils.activate(p4.priors(), pre);
        List<Detection> found = p4.decode(activated, 0, 10, 0.5);
        assertEquals(1, found.size(), found.toString());
        Detection d = found.get(0);
        double cx = (4 + 0.25) * 16;
        double cy = (2 + 0.75) * 16;
        assertEquals(cx - 20, d.box().x1(), 1e-3);
        assertEquals(cx + 20, d.box().x2(), 1e-3);
        assertEquals(cy - 27, d.box().y1(), 1e-3);
        assertEquals(cy + 27, d.box().y2(), 1e-3);
        assertEquals(6, d.classId());
        double p6 = Math.exp(10) / (Math.exp(10) + 9);
        assertEquals(0.8 * p6, d.score(), 1e-5);
    }

    @Test
    void labelThenIdealPredictionDecodesToTheSameBox() {
        Box box = new Box(33, 5, 61, 47);
        GroundTruth truth = new GroundTruth(box, 4);
        int s = HEAD.scaleOf(box);
        YoloScale scale = HEAD.scales().get(s);
        INDArray label = HEAD.labels(List.of(List.of(truth)))[s];
        int col = (int) ((box.x1() + box.x2()) / 2 / scale.stride());
        int row = (int) ((box.y1() + box.y2()) / 2 / scale.stride());
        // the activation a perfect net would give: the label's centre and size, objectness 1, class certain
        INDArray out = Nd4j.zeros(DataType.FLOAT, 1, 2 * 15, scale.grid(), scale.grid());
        double cxGrid = (label.getDouble(0, 0, row, col) + label.getDouble(0, 2, row, col)) / 2;
        double cyGrid = (label.getDouble(0, 1, row, col) + label.getDouble(0, 3, row, col)) / 2;
        out.putScalar(new long[] {0, 0, row, col}, cxGrid - col);
        out.putScalar(new long[] {0, 1, row, col}, cyGrid - row);
        out.putScalar(new long[] {0, 2, row, col}, label.getDouble(0, 2, row, col) - label.getDouble(0, 0, row, col));
        out.putScalar(new long[] {0, 3, row, col}, label.getDouble(0, 3, row, col) - label.getDouble(0, 1, row, col));
        out.putScalar(new long[] {0, 4, row, col}, 1);
        out.putScalar(new long[] {0, 5 + 4, row, col}, 1);
        INDArray[] outputs = new INDArray[2];
        outputs[s] = out;
        outputs[1 - s] = Nd4j.zeros(DataType.FLOAT, 1, 30, HEAD.scales().get(1 - s).grid(), HEAD.scales().get(1 - s).grid());
        List<Detection> found = HEAD.decode(outputs, 0, 0.5);
        assertEquals(1, found.size());
        assertEquals(1.0, found.get(0).box().iou(box), 1e-5);
        assertEquals(4, found.get(0).classId());
    }

    @Test
    void aNetWhosePredictionMapsDoNotFitTheClassesIsRefused() {
        assertThrows(ArchitectureException.class, () -> YoloHead.of(NET, 9, 16, 48));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
