package io.hwnas.sr;

/**
 * The SR literature's image-quality measures on the Y channel, each ignoring a border of {@code shave} pixels on
 * every side (the scale factor, by convention: the border is where upscalers know least). Values are in [0, 1].
 */
public final class ImageQuality {

    /** The PSNR of identical images, which is infinite, reported as this so means and files stay finite. */
    public static final double MAX_PSNR = 100;

    private static final int SSIM_WINDOW = 11;
    private static final double SSIM_SIGMA = 1.5;
    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;

    private ImageQuality() {
    }

    /** 10 log10(1 / MSE) in dB, peak 1; {@link #MAX_PSNR} when the images agree. */
    public static double psnr(LumaImage actual, LumaImage expected, int shave) {
        requireSameSize(actual, expected, shave);
        double sum = 0;
        int n = 0;
        for (int r = shave; r < expected.height() - shave; r++) {
            for (int c = shave; c < expected.width() - shave; c++) {
                double d = actual.at(r, c) - expected.at(r, c);
                sum += d * d;
                n++;
            }
        }
        double mse = sum / n;
        return mse == 0 ? MAX_PSNR : Math.min(MAX_PSNR, 10 * Math.log10(1 / mse));
    }

    /**
     * The mean SSIM of Wang et al. (2004): local means, variances and covariance under an 11×11 Gaussian window
     * (σ = 1.5), K1 = 0.01, K2 = 0.03, dynamic range 1, averaged over the windows that fit inside the image (their
     * reference code's 'valid' filtering).
     */
    public static double ssim(LumaImage actual, LumaImage expected, int shave) {
        requireSameSize(actual, expected, shave);
        LumaImage x = actual.crop(shave, shave, actual.height() - 2 * shave, actual.width() - 2 * shave);
        LumaImage y = expected.crop(shave, shave, expected.height() - 2 * shave, expected.width() - 2 * shave);
        if (x.height() < SSIM_WINDOW || x.width() < SSIM_WINDOW) {
            throw new IllegalArgumentException("SSIM needs at least " + SSIM_WINDOW + "x" + SSIM_WINDOW
                    + " pixels after shaving, got " + x.height() + "x" + x.width());
        }
        double[] g = gaussian();
        int h = x.height();
        int w = x.width();
        double total = 0;
        int windows = 0;
        for (int r = 0; r + SSIM_WINDOW <= h; r++) {
            for (int c = 0; c + SSIM_WINDOW <= w; c++) {
                double mx = 0, my = 0, xx = 0, yy = 0, xy = 0;
                for (int i = 0; i < SSIM_WINDOW; i++) {
                    for (int j = 0; j < SSIM_WINDOW; j++) {
                        double wgt = g[i] * g[j];
                        double a = x.at(r + i, c + j);
                        double b = y.at(r + i, c + j);
                        mx += wgt * a;
                        my += wgt * b;
                        xx += wgt * a * a;
                        yy += wgt * b * b;
                        xy += wgt * a * b;
                    }
                }
                double vx = xx - mx * mx;
                double vy = yy - my * my;
                double cov = xy - mx * my;
                total += (2 * mx * my + C1) * (2 * cov + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2));
                windows++;
            }
        }
        return total / windows;
    }

    /** {@code image} with every value clipped to [0, 1], as a network's output is before it is scored. */
    public static LumaImage clipped(LumaImage image) {
        float[] out = image.pixels().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(1f, Math.max(0f, out[i]));
        }
        return new LumaImage(image.height(), image.width(), out);
    }

    private static double[] gaussian() {
        double[] g = new double[SSIM_WINDOW];
        double sum = 0;
        for (int i = 0; i < SSIM_WINDOW; i++) {
            double d = i - SSIM_WINDOW / 2;
            g[i] = Math.exp(-d * d / (2 * SSIM_SIGMA * SSIM_SIGMA));
            sum += g[i];
        }
        for (int i = 0; i < SSIM_WINDOW; i++) {
            g[i] /= sum;
        }
        return g;
    }

    private static void requireSameSize(LumaImage a, LumaImage b, int shave) {
        if (a.height() != b.height() || a.width() != b.width()) {
            throw new IllegalArgumentException("images differ in size: " + a.height() + "x" + a.width() + " and "
                    + b.height() + "x" + b.width());
        }
        if (shave < 0 || 2 * shave >= a.height() || 2 * shave >= a.width()) {
            throw new IllegalArgumentException("shaving " + shave + " pixels leaves nothing of a " + a.height() + "x"
                    + a.width() + " image");
        }
    }
}
