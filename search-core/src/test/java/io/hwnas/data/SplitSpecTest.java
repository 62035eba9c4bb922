package io.hwnas.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SplitSpecTest {

    @Test
    void testSamplesMayBeZero() {
        assertEquals(0, new SplitSpec(10, 5, 0, 1).testSamples());
    }

    @Test
    void rejectsNamingTheField() {
        assertEquals("trainSamples must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new SplitSpec(0, 5, 5, 1)).getMessage());
        assertEquals("validationSamples must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> new SplitSpec(5, 0, 5, 1)).getMessage());
        assertEquals("testSamples must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> new SplitSpec(5, 5, -1, 1)).getMessage());
    }
}
