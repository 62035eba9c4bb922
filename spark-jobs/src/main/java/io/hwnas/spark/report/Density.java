package io.hwnas.spark.report;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.Marker;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * A large cloud of points drawn as a 2-D histogram: a grid of {@value #COLUMNS} × {@value #ROWS} cells over the
 * plot, each cell holding points shaded by the decade of its count (1–9, 10–99, ...), darker for more. A plot of
 * 10⁶ evaluations is then a few thousand cells, in the PNG and in the SVG, instead of 10⁶ markers.
 */
final class Density {
    /** Clouds of more points than this are drawn as density; smaller ones point by point. */
    static final int ABOVE = 5_000;
    static final int COLUMNS = 110;
    static final int ROWS = 70;

    private Density() {
    }

    /**
     * Adds one series per decade of count to {@code chart}, named like "10–99 per cell".
     *
     * @param suffix appended to the series names, to tell this cloud from another
     * @param points x, y (further values ignored), every one finite and inside the ranges
     * @return the number of cells drawn
     */
    static int draw(XYChart chart, String suffix, List<double[]> points, double[] xRange, double[] yRange, Color colour) {
        int[][] counts = new int[COLUMNS][ROWS];
        double width = (xRange[1] - xRange[0]) / COLUMNS;
        double height = (yRange[1] - yRange[0]) / ROWS;
        int max = 0;
        for (double[] p : points) {
            int c = Math.min(COLUMNS - 1, Math.max(0, (int) ((p[0] - xRange[0]) / width)));
            int r = Math.min(ROWS - 1, Math.max(0, (int) ((p[1] - yRange[0]) / height)));
            max = Math.max(max, ++counts[c][r]);
        }
        int decades = decade(max) + 1;
        List<List<double[]>> byDecade = new ArrayList<>();
        for (int d = 0; d < decades; d++) {
            byDecade.add(new ArrayList<>());
        }
        int cells = 0;
        for (int c = 0; c < COLUMNS; c++) {
            for (int r = 0; r < ROWS; r++) {
                if (counts[c][r] > 0) {
                    byDecade.get(decade(counts[c][r])).add(new double[] {xRange[0] + (c + 0.5) * width,
                            yRange[0] + (r + 0.5) * height});
                    cells++;
                }
            }
        }
        for (int d = 0; d < decades; d++) {
            List<double[]> centres = byDecade.get(d);
            if (centres.isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(range(d) + " per cell" + suffix,
                    centres.stream().mapToDouble(p -> p[0]).toArray(), centres.stream().mapToDouble(p -> p[1]).toArray());
            s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            s.setMarker(new Cell());
            s.setMarkerColor(shade(colour, decades == 1 ? 0.5 : d / (decades - 1.0)));
        }
        return cells;
    }

    /** From a light tint of {@code colour} (few points) to a dark shade of it (most). */
    private static Color shade(Color colour, double t) {
        double light = 0.75 * (1 - t);   // share of white
        double dark = 0.55 * t;          // share of black
        return new Color(mix(colour.getRed(), light, dark), mix(colour.getGreen(), light, dark),
                mix(colour.getBlue(), light, dark));
    }

    private static int mix(int channel, double white, double black) {
        return (int) Math.round(channel * (1 - white - black) + 255 * white);
    }

    private static int decade(int count) {
        return (int) Math.floor(Math.log10(count));
    }

    private static String range(int decade) {
        long low = (long) Math.pow(10, decade);
        return decade == 0 ? "1–9" : String.format("%,d–%,d", low, low * 10 - 1);
    }

    /**
     * A filled square about one cell wide: charts are {@link ChartStyle#WIDTH} logical pixels wide, of which the plot
     * takes some 500, so a cell is about 4.5 pixels; squares a little larger than that leave no gaps between cells.
     */
    private static final class Cell extends Marker {
        private static final double SIZE = 5.2;

        @Override
        public void paint(Graphics2D g, double x, double y, int size) {
            g.fill(new Rectangle2D.Double(x - SIZE / 2, y - SIZE / 2, SIZE, SIZE));
        }
    }
}
