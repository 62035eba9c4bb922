package io.hwnas.spark.report;

import io.hwnas.search.Bound;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A search constraint where it crosses one axis of a plot: the bound itself when it is on the axis'
 * column, or converted when the axis is the same device's other speed column (a latency bound of
 * 30 ms is an FPS bound of 1000/30 = 33.3 at batch 1, and the other way round).
 *
 * @param label the legend entry, e.g. {@code constraint FPS ≥ 33.33}
 * @param converted whether the bound was on the other speed column and converted (FPS = 1000 / latency in ms)
 */
public record ConstraintLine(double value, String label, boolean converted) {
    private static final String FPS = "fps_";
    private static final String LATENCY = "latency_ms_";

    /**
     * The lines {@code bounds} draw on an axis showing {@code column}. Labels are short (the axis
     * title names the column): {@code constraint ≤ 30}, {@code constraint FPS ≥ 33.33} for latency ≤ 30 ms.
     */
    public static List<ConstraintLine> on(String column, List<Bound> bounds) {
        List<ConstraintLine> lines = new ArrayList<>();
        for (Bound b : bounds) {
            if (b.metric().equals(column)) {
                if (b.min() != null) {
                    lines.add(new ConstraintLine(b.min(), "constraint ≥ " + number(b.min()), false));
                }
                if (b.max() != null) {
                    lines.add(new ConstraintLine(b.max(), "constraint ≤ " + number(b.max()), false));
                }
            } else if (reciprocal(column, b.metric())) {
                boolean fpsAxis = column.startsWith(FPS);
                String axis = fpsAxis ? "FPS" : "latency";
                String axisUnit = fpsAxis ? "" : " ms";
                // a maximum of one is a minimum of the other; the caption gives the bound as configured
                if (b.max() != null) {
                    lines.add(new ConstraintLine(1000.0 / b.max(), "constraint " + axis + " ≥ " + number(1000.0 / b.max())
                            + axisUnit, true));
                }
                if (b.min() != null && b.min() > 0) {
                    lines.add(new ConstraintLine(1000.0 / b.min(), "constraint " + axis + " ≤ " + number(1000.0 / b.min())
                            + axisUnit, true));
                }
            }
        }
        return lines;
    }

    /** Whether one column is the FPS and the other the latency (ms) of the same device. */
    private static boolean reciprocal(String a, String b) {
        return (a.startsWith(FPS) && b.equals(LATENCY + a.substring(FPS.length())))
                || (a.startsWith(LATENCY) && b.equals(FPS + a.substring(LATENCY.length())));
    }

    /** Whole numbers from 1,000 up grouped, smaller ones to 4 significant digits without trailing zeros: 0.07, 33.33. */
    static String number(double v) {
        if (Math.abs(v) >= 1000 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        return s;
    }
}
