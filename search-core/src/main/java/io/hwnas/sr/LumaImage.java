package io.hwnas.sr;

import java.awt.image.BufferedImage;
import java.io.Serializable;

/**
 * One image's luma (Y) plane, row-major, values in [0, 1] (Y/255). Super-resolution is trained and scored on Y
 * alone, as the SR literature does since SRCNN: Y of ITU-R BT.601 in studio range, 16..235 for 8-bit RGB
 * (MATLAB's {@code rgb2ycbcr}), so PSNRs are on the scale papers report.
 */
public record LumaImage(int height, int width, float[] pixels) implements Serializable {

    public LumaImage {
        if (height < 1 || width < 1 || pixels == null || pixels.length != (long) height * width) {
            throw new IllegalArgumentException("a " + height + "x" + width + " image needs " + (long) height * width
                    + " pixels, got " + (pixels == null ? "none" : pixels.length));
        }
    }

    /** BT.601 studio-range Y of an 8-bit image: Y = 16 + (65.481 R + 128.553 G + 24.966 B) with R, G, B in [0, 1]. */
    public static LumaImage of(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        float[] y = new float[h * w];
        boolean gray = image.getColorModel().getNumColorComponents() == 1;
        double grayMax = (1 << image.getColorModel().getComponentSize(0)) - 1;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                if (gray) {
                    // getRGB would pass a gray image through sRGB conversion; the raster holds the stored levels
                    double v = image.getRaster().getSample(c, r, 0) / grayMax;
                    y[r * w + c] = luma(v, v, v);
                } else {
                    int rgb = image.getRGB(c, r);
                    y[r * w + c] = luma(((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0, (rgb & 0xFF) / 255.0);
                }
            }
        }
        return new LumaImage(h, w, y);
    }

    /** A gray image (8-bit levels, e.g. Fashion-MNIST's) taken as R = G = B. */
    public static LumaImage ofGray(byte[] levels, int height, int width) {
        float[] y = new float[height * width];
        for (int i = 0; i < y.length; i++) {
            double v = (levels[i] & 0xFF) / 255.0;
            y[i] = luma(v, v, v);
        }
        return new LumaImage(height, width, y);
    }

    private static float luma(double r, double g, double b) {
        return (float) ((16 + 65.481 * r + 128.553 * g + 24.966 * b) / 255.0);
    }

    public float at(int row, int col) {
        return pixels[row * width + col];
    }

    /** The {@code h}×{@code w} window whose top-left corner is ({@code row}, {@code col}). */
    public LumaImage crop(int row, int col, int h, int w) {
        if (row < 0 || col < 0 || row + h > height || col + w > width) {
            throw new IllegalArgumentException("crop " + h + "x" + w + " at (" + row + ", " + col + ") leaves the "
                    + height + "x" + width + " image");
        }
        float[] out = new float[h * w];
        for (int r = 0; r < h; r++) {
            System.arraycopy(pixels, (row + r) * width + col, out, r * w, w);
        }
        return new LumaImage(h, w, out);
    }

    /** This image with its size cut down to multiples of {@code scale} (SR's "modcrop"), from the top-left. */
    public LumaImage modCrop(int scale) {
        return crop(0, 0, height - height % scale, width - width % scale);
    }

    /** Values rounded to 8-bit levels: a low-resolution image as it would be stored. */
    public LumaImage quantized() {
        float[] out = new float[pixels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.round(Math.min(1f, Math.max(0f, pixels[i])) * 255f) / 255f;
        }
        return new LumaImage(height, width, out);
    }
}
