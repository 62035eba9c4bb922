package io.hwnas.sr;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BicubicTest {

    /** Value = the 1-based column index: a linear ramp along each row. */
    private static LumaImage columns(int h, int w) {
        float[] p = new float[h * w];
        for (int i = 0; i < p.length; i++) {
            p[i] = i % w + 1;
        }
        return new LumaImage(h, w, p);
    }

    @Test
    void keysKernelHasItsKnownValues() {
        assertEquals(1.0, Bicubic.cubic(0), 0);
        assertEquals(0.0, Bicubic.cubic(1), 0);
        assertEquals(0.0, Bicubic.cubic(2), 0);
        // a = -0.5 at x = 0.5: 1.5·0.125 - 2.5·0.25 + 1 = 0.5625; at 1.5: -0.5·3.375 + 2.5·2.25 - 4·1.5 + 2 = -0.0625
        assertEquals(0.5625, Bicubic.cubic(0.5), 1e-12);
        assertEquals(-0.0625, Bicubic.cubic(1.5), 1e-12);
    }

    @Test
    void aConstantImageStaysConstant() {
        float[] p = new float[12 * 16];
        Arrays.fill(p, 0.3f);
        LumaImage flat = new LumaImage(12, 16, p);
        for (double f : new double[] {0.25, 0.5, 2, 4}) {
            LumaImage out = Bicubic.resize(flat, f);
            assertEquals((int) Math.round(12 * f), out.height());
            assertEquals((int) Math.round(16 * f), out.width());
            for (float v : out.pixels()) {
                assertEquals(0.3, v, 1e-6);
            }
        }
    }

    @Test
    void aRampIsReproducedAtMatlabsPixelCentresAwayFromTheEdges() {
        // MATLAB's mapping: output pixel i (1-based) sits at u = i/f + (1 - 1/f)/2 in the input; cubic convolution
        // (and its stretched, antialiasing form) reproduces a linear ramp exactly where no tap is mirrored
        for (double f : new double[] {2, 4, 0.5, 0.25}) {
            LumaImage out = Bicubic.resize(columns(4, 64), f);
            int margin = (int) Math.ceil(3 * Math.max(f, 1 / f)) + 2;
            for (int i = margin; i < out.width() - margin; i++) {
                double u = (i + 1) / f + 0.5 * (1 - 1 / f);
                assertEquals(u, out.at(1, i), 1e-4, "factor " + f + ", column " + i);
            }
        }
    }
}
