package io.hwnas.detection;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DetectionDataSettingsTest {

    private static String message(String path, int canvas, int minObjects, int maxObjects, int minSize, int maxSize,
                                  double covered, double contrast, int validation) {
        return assertThrows(IllegalArgumentException.class, () -> new DetectionDataSettings(path, canvas, minObjects,
                maxObjects, minSize, maxSize, covered, contrast, validation, 0)).getMessage();
    }

    @Test
    void eachBadValueIsNamedInOneLine() {
        assertEquals("field 'path' is required", message(" ", 96, 1, 6, 16, 48, 0.5, 0.35, 10));
        assertEquals("field 'canvasSize' = 16 must be in 32..1024", message("d", 16, 1, 6, 16, 48, 0.5, 0.35, 10));
        assertEquals("field 'maxObjects' = 0 must be in 1..32", message("d", 96, 1, 0, 16, 48, 0.5, 0.35, 10));
        assertEquals("field 'minObjects' = 7 must be in 1..maxObjects (6)", message("d", 96, 7, 6, 16, 48, 0.5, 0.35, 10));
        assertEquals("field 'maxObjectSize' = 100 must be in 8..canvasSize (96)", message("d", 96, 1, 6, 16, 100, 0.5, 0.35, 10));
        assertEquals("field 'minObjectSize' = 4 must be in 8..maxObjectSize (48)", message("d", 96, 1, 6, 4, 48, 0.5, 0.35, 10));
        assertEquals("field 'minObjectSize' = 50 must be in 8..maxObjectSize (48)", message("d", 96, 1, 6, 50, 48, 0.5, 0.35, 10));
        assertEquals("field 'maxCovered' = 0.95 must be in [0, 0.9]", message("d", 96, 1, 6, 16, 48, 0.95, 0.35, 10));
        assertEquals("field 'maxCovered' = NaN must be in [0, 0.9]", message("d", 96, 1, 6, 16, 48, Double.NaN, 0.35, 10));
        assertEquals("field 'backgroundContrast' = 1.0 must be in [0, 1)", message("d", 96, 1, 6, 16, 48, 0.5, 1, 10));
        assertEquals("field 'validationItems' = 0 must be >= 1", message("d", 96, 1, 6, 16, 48, 0.5, 0.35, 0));
    }

    @Test
    void defaultsAreValid() {
        DetectionDataSettings d = DetectionDataSettings.defaults();
        assertEquals(96, d.canvasSize());
        assertEquals(6, d.maxObjects());
    }
}
