package io.hwnas.detection;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BoxTest {

    @Test
    void iouOfContinuousRectangles() {
        Box a = new Box(0, 0, 2, 2);
        // intersection [1,2]x[1,2] = 1, union 4 + 4 - 1 = 7
        assertEquals(1.0 / 7, a.iou(new Box(1, 1, 3, 3)), 1e-12);
        assertEquals(1.0, a.iou(new Box(0, 0, 2, 2)), 1e-12);
        // half of a: 2 / (4 + 2 - 2)
        assertEquals(0.5, a.iou(new Box(0, 0, 2, 1)), 1e-12);
        assertEquals(0.0, a.iou(new Box(2, 0, 4, 2)), "touching edges do not overlap");
        assertEquals(0.0, a.iou(new Box(5, 5, 6, 6)));
        assertEquals(0.0, new Box(1, 1, 1, 1).iou(new Box(1, 1, 1, 1)), "empty boxes");
        assertEquals(a.iou(new Box(1, 1, 3, 3)), new Box(1, 1, 3, 3).iou(a), 0);
    }

    @Test
    void sizes() {
        Box b = new Box(3, 4, 10, 6);
        assertEquals(7, b.width());
        assertEquals(2, b.height());
        assertEquals(14, b.area());
    }

    @Test
    void rejectsInvertedOrNonFiniteCoordinates() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Box(5, 0, 4, 1));
        assertEquals("field 'box' = (5.0, 0.0, 4.0, 1.0) must be finite (x1, y1, x2, y2) with x1 <= x2 and y1 <= y2",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Box(0, 3, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new Box(0, 0, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new Box(0, 0, 1, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> new Detection(new Box(0, 0, 1, 1), -1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new Detection(new Box(0, 0, 1, 1), 0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new GroundTruth(null, 0));
    }
}
