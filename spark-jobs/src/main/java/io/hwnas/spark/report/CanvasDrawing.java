package io.hwnas.spark.report;

import io.hwnas.data.FashionMnist;
import io.hwnas.detection.Box;
import io.hwnas.detection.Detection;
import io.hwnas.detection.DetectionSample;
import io.hwnas.detection.GroundTruth;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Detection canvases side by side as one PNG, each enlarged {@link #SCALE}× (nearest neighbour, so the pixels the net
 * saw stay visible) with its ground-truth boxes (green, class name below the box) and the detections given for it
 * (red, class name and score above the box).
 */
final class CanvasDrawing {
    static final int SCALE = 3;
    static final int GAP = 12;
    static final Color TRUTH = new Color(0x2c, 0xa0, 0x2c);
    static final Color PREDICTED = new Color(0xd6, 0x27, 0x28);

    private CanvasDrawing() {
    }

    /** @param detections per canvas, in canvas order: the boxes to draw for it */
    static byte[] png(List<DetectionSample> canvases, List<List<Detection>> detections) {
        if (canvases.isEmpty() || canvases.size() != detections.size()) {
            throw new IllegalArgumentException(canvases.size() + " canvases with " + detections.size()
                    + " lists of detections; need one list per canvas and at least one canvas");
        }
        ChartImages.headless();
        int side = canvases.get(0).size() * SCALE;
        BufferedImage image = new BufferedImage(canvases.size() * side + (canvases.size() - 1) * GAP, side,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
            g.setStroke(new BasicStroke(2f));
            for (int i = 0; i < canvases.size(); i++) {
                int x0 = i * (side + GAP);
                pixels(image, canvases.get(i), x0);
                for (GroundTruth t : canvases.get(i).groundTruths()) {
                    box(g, x0, side, t.box(), TRUTH, className(t.classId()), false);
                }
                for (Detection d : detections.get(i)) {
                    box(g, x0, side, d.box(), PREDICTED,
                            className(d.classId()) + String.format(Locale.ROOT, " %.2f", d.score()), true);
                }
            }
        } finally {
            g.dispose();
        }
        return ChartImages.encode(image, "the detection canvases");
    }

    private static void pixels(BufferedImage image, DetectionSample canvas, int x0) {
        float[] p = canvas.pixels();
        int n = canvas.size();
        for (int y = 0; y < n * SCALE; y++) {
            for (int x = 0; x < n * SCALE; x++) {
                int v = Math.round(Math.max(0f, Math.min(1f, p[(y / SCALE) * n + x / SCALE])) * 255);
                image.setRGB(x0 + x, y, v << 16 | v << 8 | v);
            }
        }
    }

    private static void box(Graphics2D g, int x0, int side, Box b, Color color, String label, boolean above) {
        int x = x0 + (int) Math.round(b.x1() * SCALE);
        int y = (int) Math.round(b.y1() * SCALE);
        int w = (int) Math.round(b.width() * SCALE);
        int h = (int) Math.round(b.height() * SCALE);
        g.setColor(color);
        g.drawRect(x, y, w, h);
        FontMetrics m = g.getFontMetrics();
        int tw = m.stringWidth(label) + 4;
        int th = m.getHeight();
        // the label sits outside the box, inside the canvas: flipped to the other side at an edge
        int ty = above ? (y - th >= 0 ? y - th : y + h) : (y + h + th <= side ? y + h : y - th);
        g.fillRect(x, ty, tw, th);
        g.setColor(Color.WHITE);
        g.drawString(label, x + 2, ty + m.getAscent());
    }

    private static String className(int classId) {
        return classId < FashionMnist.CLASS_NAMES.size() ? FashionMnist.CLASS_NAMES.get(classId) : "class " + classId;
    }
}
