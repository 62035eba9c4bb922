package io.hwnas.spark.report;

import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A chart as PNG (at {@link #SCALE}× its logical size, sharp on high-density screens and slides)
 * and as SVG, both in memory, so they can be written through any Hadoop file system and embedded.
 */
public final class ChartImages {
    public static final int SCALE = 2;

    private ChartImages() {
    }

    /** Reports are drawn on drivers and CI machines without a display; AWT must not look for one. */
    static void headless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    public static byte[] png(XYChart chart) {
        headless();
        BufferedImage image = new BufferedImage(chart.getWidth() * SCALE, chart.getHeight() * SCALE,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(SCALE, SCALE);
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        return encode(image, "chart '" + chart.getTitle() + "'");
    }

    /** {@code image} as PNG bytes; {@code what} names it in the error. */
    static byte[] encode(BufferedImage image, String what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + what + " as PNG", e);
        }
        return out.toByteArray();
    }

    public static String svg(XYChart chart) {
        headless();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode chart '" + chart.getTitle() + "' as SVG", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
