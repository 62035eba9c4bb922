package io.hwnas.detection;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The numbers and the picture of docs/detection-dataset.md: statistics of the default settings' canvases per split,
 * printed as Markdown, and a PNG of the first training canvases with their boxes. Not a test; run by hand:
 * <pre>
 * java -cp search-core/target/test-classes:search-core/target/classes:$(cat cp.txt) \
 *     io.hwnas.detection.DetectionDatasetCard docs/images/detection-canvases.png 5000
 * </pre>
 */
public final class DetectionDatasetCard {

    static final String[] CLASSES = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
        "Sneaker", "Bag", "Ankle boot"};
    private static final Color[] COLOURS = {new Color(0xe6194b), new Color(0x3cb44b), new Color(0xffe119),
        new Color(0x4363d8), new Color(0xf58231), new Color(0x911eb4), new Color(0x46f0f0), new Color(0xf032e6),
        new Color(0xbcf60c), new Color(0xfabebe)};
    private static final int ZOOM = 3;
    private static final int COLUMNS = 4;
    private static final int ROWS = 2;
    private static final int GAP = 6;

    private DetectionDatasetCard() {
    }

    public static void main(String[] args) throws IOException {
        Path png = Path.of(args[0]);
        int canvases = Integer.parseInt(args[1]);
        DetectionDataset dataset = DetectionDataset.load(DetectionDataSettings.defaults());
        System.out.println("settings: " + dataset.settings());
        for (DetectionSplit split : DetectionSplit.values()) {
            statistics(dataset, split, split == DetectionSplit.TRAIN ? canvases : canvases / 2);
        }
        drawCanvases(dataset, png);
    }

    private static void statistics(DetectionDataset dataset, DetectionSplit split, int canvases) {
        int max = dataset.settings().maxObjects();
        int[] perImage = new int[max + 1];
        int[] perClass = new int[dataset.numClasses()];
        List<Double> sides = new ArrayList<>();
        int small = 0;
        int medium = 0;
        int covered = 0;
        double minVisible = 1;
        double background = 0;
        long start = System.nanoTime();
        for (int i = 0; i < canvases; i++) {
            DetectionSample s = dataset.sample(split, i);
            perImage[s.objects().size()]++;
            for (PlacedObject o : s.objects()) {
                perClass[o.truth().classId()]++;
                double area = o.truth().box().area();
                sides.add(Math.sqrt(area));
                small += area < 32 * 32 ? 1 : 0;
                medium += area >= 32 * 32 && area < 96 * 96 ? 1 : 0;
                covered += o.visibleFraction() < 1 ? 1 : 0;
                minVisible = Math.min(minVisible, o.visibleFraction());
            }
            background += median(s.pixels());
        }
        double millis = (System.nanoTime() - start) / 1e6 / canvases;
        int objects = sides.size();
        double[] sorted = sides.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%n### %s: %d canvases, %d objects (%.2f per canvas), %.2f ms per canvas%n",
                split, canvases, objects, (double) objects / canvases, millis);
        System.out.println("objects per canvas: " + Arrays.toString(Arrays.copyOfRange(perImage, 1, max + 1))
                + (perImage[0] > 0 ? " (empty: " + perImage[0] + ")" : ""));
        System.out.printf(Locale.ROOT, "box sqrt(area) px: min %.1f, p10 %.1f, p25 %.1f, median %.1f, p75 %.1f, p90 %.1f, max %.1f%n",
                sorted[0], quantile(sorted, 0.1), quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75),
                quantile(sorted, 0.9), sorted[sorted.length - 1]);
        int[] bins = new int[5];
        for (double side : sorted) {
            bins[Math.min(4, Math.max(0, (int) ((side - 8) / 8)))]++;
        }
        System.out.println("sqrt(area) histogram [<16, 16-24, 24-32, 32-40, >=40]: " + Arrays.toString(bins));
        System.out.printf(Locale.ROOT, "COCO size: small (< 32^2) %.1f%%, medium %.1f%%, large %.1f%%%n",
                100.0 * small / objects, 100.0 * medium / objects, 100.0 * (objects - small - medium) / objects);
        System.out.printf(Locale.ROOT, "partly covered: %.1f%% of objects, least visible %.3f; median background level %.3f%n",
                100.0 * covered / objects, minVisible, background / canvases);
        StringBuilder classes = new StringBuilder("per class:");
        for (int c = 0; c < perClass.length; c++) {
            classes.append(String.format(Locale.ROOT, " %s %d (%.1f%%);", CLASSES[c], perClass[c], 100.0 * perClass[c] / objects));
        }
        System.out.println(classes);
    }

    private static double median(float[] values) {
        Arrays.sort(values);
        return values[values.length / 2];
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    private static void drawCanvases(DetectionDataset dataset, Path png) throws IOException {
        int side = dataset.settings().canvasSize() * ZOOM;
        BufferedImage out = new BufferedImage(COLUMNS * side + (COLUMNS + 1) * GAP, ROWS * side + (ROWS + 1) * GAP,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
        for (int i = 0; i < COLUMNS * ROWS; i++) {
            DetectionSample s = dataset.sample(DetectionSplit.TRAIN, i);
            int left = GAP + (i % COLUMNS) * (side + GAP);
            int top = GAP + (i / COLUMNS) * (side + GAP);
            float[] pixels = s.pixels();
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    int level = Math.round(pixels[(r / ZOOM) * s.size() + c / ZOOM] * 255);
                    out.setRGB(left + c, top + r, level << 16 | level << 8 | level);
                }
            }
            g.setStroke(new BasicStroke(2));
            for (PlacedObject o : s.objects()) {
                Box b = o.truth().box();
                g.setColor(COLOURS[o.truth().classId()]);
                g.drawRect(left + (int) b.x1() * ZOOM, top + (int) b.y1() * ZOOM, (int) b.width() * ZOOM, (int) b.height() * ZOOM);
                g.drawString(CLASSES[o.truth().classId()], left + (int) b.x1() * ZOOM + 2, top + (int) b.y1() * ZOOM + 12);
            }
        }
        g.dispose();
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(out, "png", png.toFile());
        System.out.println("wrote " + png);
    }
}
