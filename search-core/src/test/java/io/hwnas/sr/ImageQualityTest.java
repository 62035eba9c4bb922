package io.hwnas.sr;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageQualityTest {

    private static LumaImage constant(int h, int w, float v) {
        float[] p = new float[h * w];
        Arrays.fill(p, v);
        return new LumaImage(h, w, p);
    }

    @Test
    void identicalImagesGetTheCappedPsnrAndSsimOne() {
        LumaImage a = ramp(20, 24);
        assertEquals(ImageQuality.MAX_PSNR, ImageQuality.psnr(a, a, 2));
        assertEquals(1.0, ImageQuality.ssim(a, a, 2), 1e-12);
    }

    @Test
    void knownMseInsideTheShavedBorderGivesKnownPsnr() {
        LumaImage expected = constant(6, 6, 0.5f);
        float[] p = new float[36];
        for (int r = 0; r < 6; r++) {
            for (int c = 0; c < 6; c++) {
                boolean border = r == 0 || c == 0 || r == 5 || c == 5;
                // the border is wildly off but shaved; inside every pixel is 0.1 off: MSE 0.01, PSNR 20 dB
                p[r * 6 + c] = border ? 0f : 0.6f;
            }
        }
        assertEquals(20.0, ImageQuality.psnr(new LumaImage(6, 6, p), expected, 1), 1e-5);
        // not shaved, the border counts: 20 border pixels off by 0.5, 16 by 0.1 → MSE (20·0.25 + 16·0.01) / 36
        assertEquals(10 * Math.log10(36 / (20 * 0.25 + 16 * 0.01)), ImageQuality.psnr(new LumaImage(6, 6, p), expected, 0),
                1e-5);
    }

    @Test
    void ssimOfFlatImagesIsTheLuminanceTermAlone() {
        // no variance anywhere, so SSIM = (2 μx μy + C1) / (μx² + μy² + C1) with C1 = 0.01²
        double c1 = 1e-4;
        double expected = (2 * 0.6 * 0.5 + c1) / (0.36 + 0.25 + c1);
        assertEquals(expected, ImageQuality.ssim(constant(15, 15, 0.6f), constant(15, 15, 0.5f), 2), 1e-6);
    }

    @Test
    void ssimFallsWithNoise() {
        LumaImage a = ramp(30, 30);
        float[] noisy = a.pixels().clone();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += (float) (rng.nextDouble() - 0.5) * 0.2f;
        }
        double ssim = ImageQuality.ssim(new LumaImage(30, 30, noisy), a, 2);
        assertTrue(ssim > 0 && ssim < 0.99, "ssim " + ssim);
    }

    @Test
    void refusesMismatchedSizesAndOvershaving() {
        assertThrows(IllegalArgumentException.class, () -> ImageQuality.psnr(constant(4, 4, 0), constant(4, 5, 0), 0));
        assertThrows(IllegalArgumentException.class, () -> ImageQuality.psnr(constant(4, 4, 0), constant(4, 4, 0), 2));
        assertThrows(IllegalArgumentException.class, () -> ImageQuality.ssim(constant(12, 12, 0), constant(12, 12, 0), 1));
    }

    static LumaImage ramp(int h, int w) {
        float[] p = new float[h * w];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) ((i / w) * 0.013 + (i % w) * 0.021) % 1f;
        }
        return new LumaImage(h, w, p);
    }
}
