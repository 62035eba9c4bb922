package io.hwnas.detection;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NonMaxSuppressionTest {

    private static Detection det(double x1, double y1, double x2, double y2, int c, double score) {
        return new Detection(new Box(x1, y1, x2, y2), c, score);
    }

    @Test
    void suppressesOverlapsWithinAClassOnly() {
        Detection a = det(0, 0, 10, 10, 0, 0.9);
        Detection b = det(1, 0, 11, 10, 0, 0.8);   // IoU with a: 90 / 110 = 0.818
        Detection other = det(1, 0, 11, 10, 1, 0.7);   // same box, other class
        List<Detection> kept = new NonMaxSuppression(0.5, 0.0, 100).apply(List.of(b, other, a));
        assertEquals(List.of(a, other), kept);
    }

    @Test
    void greedyAgainstKeptBoxesOnly() {
        Detection a = det(0, 0, 10, 10, 0, 0.9);
        Detection b = det(4, 0, 14, 10, 0, 0.8);   // IoU with a: 60 / 140 = 0.43
        Detection c = det(8, 0, 18, 10, 0, 0.7);   // IoU with a: 20 / 180 = 0.11, with b: 60 / 140 = 0.43
        assertEquals(List.of(a, b, c), new NonMaxSuppression(0.5, 0, 10).apply(List.of(c, b, a)));
        // at 0.4 b goes (0.43 > 0.4 with a), and c stays: it is only compared with a, the kept box
        assertEquals(List.of(a, c), new NonMaxSuppression(0.4, 0, 10).apply(List.of(c, b, a)));
    }

    @Test
    void anIouEqualToTheThresholdIsKept() {
        Detection a = det(0, 0, 10, 10, 0, 0.9);
        Detection half = det(0, 0, 10, 5, 0, 0.8);   // IoU exactly 50 / 100
        assertEquals(List.of(a, half), new NonMaxSuppression(0.5, 0, 10).apply(List.of(a, half)));
        assertEquals(List.of(a), new NonMaxSuppression(0.49, 0, 10).apply(List.of(a, half)));
    }

    @Test
    void scoreThresholdAndMaxDetections() {
        Detection a = det(0, 0, 10, 10, 0, 0.9);
        Detection b = det(20, 0, 30, 10, 1, 0.6);
        Detection c = det(40, 0, 50, 10, 2, 0.3);
        Detection d = det(60, 0, 70, 10, 0, 0.75);
        assertEquals(List.of(a, d, b), new NonMaxSuppression(0.5, 0.5, 10).apply(List.of(a, b, c, d)));
        assertEquals(List.of(a, d), new NonMaxSuppression(0.5, 0.0, 2).apply(List.of(a, b, c, d)));
        assertEquals(List.of(a, d, b, c), new NonMaxSuppression(0.5, 0.3, 10).apply(List.of(a, b, c, d)), "at least the threshold");
        assertEquals(List.of(), new NonMaxSuppression(0.5, 0.0, 10).apply(List.of()));
    }

    @Test
    void validatesSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NonMaxSuppression(1.5, 0, 10));
        assertEquals("field 'iouThreshold' = 1.5 must be in [0, 1]", e.getMessage());
        assertEquals("field 'maxDetections' = 0 must be >= 1",
                assertThrows(IllegalArgumentException.class, () -> new NonMaxSuppression(0.5, 0, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NonMaxSuppression(Double.NaN, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new NonMaxSuppression(0.5, Double.NaN, 10));
    }
}
