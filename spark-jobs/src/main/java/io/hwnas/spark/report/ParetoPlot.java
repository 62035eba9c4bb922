package io.hwnas.spark.report;

import io.hwnas.pareto.Direction;
import io.hwnas.pareto.NoisyLead;
import io.hwnas.pareto.Objective;
import io.hwnas.search.Bound;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One front of a run as a scatter plot: every successful evaluation in grey (those outside a
 * constraint in orange), the front's points highlighted, labelled with their candidate ids and
 * joined by the step line that bounds the region they dominate, and the constraints that cross an
 * axis as dashed lines. The first objective is the y axis, the second the x axis. When the y objective has
 * standard errors ({@code accuracy_se}), every point carries a ±1 SE bar, and front members whose lead is within
 * the noise ({@link FrontNoise}) are drawn as rings.
 *
 * @param front the front file's name ({@code pareto-<front>.csv})
 */
public record ParetoPlot(String front, String title, Objective y, Objective x) {

    /** Extra room around the points so markers and labels at the edges stay inside the plot. */
    private static final double PAD = 0.08;

    /** {@code pareto-<front>}, as a file name (a device id from a profile file may hold other characters). */
    public String figureName() {
        return "pareto-" + front.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_");
    }

    public Figure figure(RunData run, List<Bound> constraints, ColumnLabels labels) {
        XYChart chart = ChartStyle.chart(title, labels.axisTitle(x.name()), labels.axisTitle(y.name()));
        List<Map<String, String>> frontRows = run.fronts().getOrDefault(front, List.of());
        FrontNoise noise = FrontNoise.of(run, frontRows, List.of(y, x), front.equals("search") ? constraints : List.of());
        // XChart draws vertical error bars only: on an x axis the errors are left out (the caption says so)
        String seColumn = y.name().equals(noise.noisy()) ? y.name() + FrontNoise.SE_SUFFIX : null;
        List<double[]> feasible = new ArrayList<>();
        List<double[]> infeasible = new ArrayList<>();
        int unmeasured = 0;
        ResultColumns results = run.results();
        double[] xs = results.numbers(x.name());
        double[] ys = results.numbers(y.name());
        double[] ses = seColumn == null ? null : results.numbers(seColumn);
        boolean[] violating = results.violating(constraints);
        for (int i = 0; i < results.size(); i++) {
            if (!results.ok(i)) {
                continue;
            }
            double se = ses == null ? 0 : ses[i];
            double[] p = {xs[i], ys[i], Double.isFinite(se) ? se : 0};
            if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
                unmeasured++;
            } else {
                (violating[i] ? infeasible : feasible).add(p);
            }
        }
        boolean dense = feasible.size() + infeasible.size() > Density.ABOVE;
        List<double[]> frontPoints = new ArrayList<>();
        List<double[]> withinNoise = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Map<String, String> r : frontRows) {
            double[] p = point(run.resultOf(r), seColumn);
            p[0] = Cells.number(r, x.name());
            p[1] = Cells.number(r, y.name());
            if (Double.isFinite(p[0]) && Double.isFinite(p[1])) {
                frontPoints.add(p);
                ids.add(Cells.text(r, "candidate_id"));
                if (noise.insignificant(r)) {
                    withinNoise.add(p);
                }
            }
        }
        List<ConstraintLine> vertical = ConstraintLine.on(x.name(), constraints);
        List<ConstraintLine> horizontal = new ArrayList<>(ConstraintLine.on(y.name(), constraints));
        java.util.Optional<ConstraintLine> baseline = bicubicBaseline(run);
        baseline.ifPresent(horizontal::add);

        double[] xRange = range(feasible, infeasible, frontPoints, 0, vertical);
        double[] yRange = range(feasible, infeasible, frontPoints, 1, horizontal);
        // one light colour for every bar: XChart's series-coloured bars would paint the grey points' bars over the front
        chart.getStyler().setErrorBarsColorSeriesColor(false).setErrorBarsColor(ChartStyle.ERROR_BAR);
        chart.getStyler().setXAxisMin(xRange[0]).setXAxisMax(xRange[1]);
        chart.getStyler().setYAxisMin(yRange[0]).setYAxisMax(yRange[1]);
        ChartStyle.ticks(chart, xRange, yRange);

        if (dense) {
            // 10⁶ markers would be megabytes of SVG and one grey blot: a histogram shows where the evaluations are
            if (!feasible.isEmpty()) {
                Density.draw(chart, "", feasible, xRange, yRange, ChartStyle.EVALUATED);
            }
            if (!infeasible.isEmpty()) {
                Density.draw(chart, ", outside a constraint", infeasible, xRange, yRange, ChartStyle.INFEASIBLE);
            }
        } else {
            if (!feasible.isEmpty()) {
                scatter(chart, (constraints.isEmpty() ? "evaluations (" : "within the constraints (") + feasible.size() + ")",
                        feasible, ChartStyle.EVALUATED, seColumn);
            }
            if (!infeasible.isEmpty()) {
                scatter(chart, "outside a constraint (" + infeasible.size() + ")", infeasible, ChartStyle.INFEASIBLE,
                        seColumn).setMarker(SeriesMarkers.DIAMOND);
            }
        }
        if (!frontPoints.isEmpty()) {
            List<double[]> steps = staircase(frontPoints);
            XYSeries line = chart.addSeries("front boundary", column(steps, 0), column(steps, 1));
            line.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(ChartStyle.FRONT);
            line.setLineStyle(ChartStyle.SOLID);
            line.setShowInLegend(false);
            List<double[]> significant = frontPoints.stream().filter(p -> !withinNoise.contains(p)).toList();
            if (!significant.isEmpty()) {
                scatter(chart, "Pareto front (" + significant.size() + ")", significant, ChartStyle.FRONT, seColumn);
            }
            if (!withinNoise.isEmpty()) {
                scatter(chart, "Pareto front, lead within noise (" + withinNoise.size() + ")", withinNoise, ChartStyle.FRONT,
                        seColumn).setMarker(new HollowCircle());
            }
            double dy = (yRange[1] - yRange[0]) * 0.045;
            labels(frontPoints, ids).forEach((p, label) -> chart.addAnnotation(new AnnotationText(label, p.get(0),
                    p.get(1) + dy, false)));
        }
        // lines run past the axes (the plot clips them) so they cross the whole plot area
        for (ConstraintLine c : vertical) {
            line(chart, c.label(), new double[] {c.value(), c.value()}, beyond(yRange));
        }
        for (ConstraintLine c : horizontal) {
            line(chart, c.label(), beyond(xRange), new double[] {c.value(), c.value()});
        }
        if (chart.getSeriesMap().isEmpty()) {
            // XChart cannot draw an empty chart; one invisible point keeps the axes and the title
            XYSeries none = chart.addSeries("no successful evaluation with both values", new double[] {xRange[0]},
                    new double[] {yRange[0]});
            none.setMarker(SeriesMarkers.NONE);
        }
        String density = dense ? " The " + (feasible.size() + infeasible.size()) + " evaluations are drawn as their density"
                + (infeasible.isEmpty() ? "" : " (" + infeasible.size() + " outside a constraint, orange)") + ":"
                + " a " + Density.COLUMNS + " × " + Density.ROWS + " grid, cells darker by the decade of their count"
                + (seColumn == null ? "." : ", without error bars.") : "";
        return new Figure(figureName(), title, caption(run, frontPoints.size(), unmeasured, constraints, vertical,
                horizontal) + density + noiseCaption(noise, withinNoise.size())
                + baseline.map(b -> " The horizontal line is the " + b.label() + " every candidate must beat.").orElse(""),
                chart);
    }

    /** On a PSNR axis, the bicubic upscaling every super-resolution candidate must beat (the same for every row). */
    private java.util.Optional<ConstraintLine> bicubicBaseline(RunData run) {
        if (!y.name().equals("psnr")) {
            return java.util.Optional.empty();
        }
        ResultColumns results = run.results();
        double[] bicubic = results.numbers("psnr_bicubic");
        for (int i = 0; i < bicubic.length; i++) {
            if (results.ok(i) && Double.isFinite(bicubic[i])) {
                double v = bicubic[i];
                return java.util.Optional.of(new ConstraintLine(v, "bicubic baseline " + ConstraintLine.number(v)
                        + " dB", false));
            }
        }
        return java.util.Optional.empty();
    }

    /** x, y and (when {@code seColumn} is set) the y value's standard error, 0 where unknown so no bar is drawn. */
    private double[] point(Map<String, String> r, String seColumn) {
        double se = seColumn == null ? 0 : Cells.number(r, seColumn);
        return new double[] {Cells.number(r, x.name()), Cells.number(r, y.name()), Double.isFinite(se) ? se : 0};
    }

    private String noiseCaption(FrontNoise noise, int withinNoise) {
        if (noise.noisy() == null) {
            return "";
        }
        String bars = y.name().equals(noise.noisy()) ? " Bars: ±1 standard error of " + noise.noisy() + "."
                : " (" + noise.noisy() + " is on the x axis: its standard errors are not drawn.)";
        return bars + " Rings: " + withinNoise + " front member" + (withinNoise == 1 ? "" : "s") + " not significantly "
                + "better than a neighbour at least as good on " + (y.name().equals(noise.noisy()) ? x : y).name()
                + " (lead < " + NoisyLead.Z + "·√(se₁² + se₂²)).";
    }

    private String caption(RunData run, int frontSize, int unmeasured, List<Bound> constraints,
                           List<ConstraintLine> vertical, List<ConstraintLine> horizontal) {
        StringBuilder c = new StringBuilder();
        c.append(verb(y)).append(' ').append(y.name()).append(", ").append(verb(x)).append(' ').append(x.name())
                .append(": ").append(frontSize).append(frontSize == 1 ? " point" : " points").append(" on the front (pareto-")
                .append(front).append(".csv), labelled with candidate ids.");
        long failed = run.results().size() - run.results().okCount();
        if (failed > 0) {
            c.append(' ').append(failed).append(" failed evaluation").append(failed == 1 ? " is" : "s are").append(" not shown.");
        }
        if (unmeasured > 0) {
            c.append(' ').append(unmeasured).append(" successful evaluation").append(unmeasured == 1 ? " has" : "s have")
                    .append(" no finite value on an axis and ").append(unmeasured == 1 ? "is" : "are").append(" not shown.");
        }
        if (!constraints.isEmpty()) {
            List<ConstraintLine> lines = Stream.concat(vertical.stream(), horizontal.stream()).toList();
            c.append(" Constraints: ").append(String.join("; ", constraints.stream().map(ParetoPlot::describe).toList()));
            if (lines.isEmpty()) {
                c.append(" (on neither axis).");
            } else if (lines.stream().anyMatch(ConstraintLine::converted)) {
                c.append(", dashed at ").append(String.join(", ", lines.stream()
                        .map(l -> l.label().substring("constraint ".length())).toList()))
                        .append(" (FPS = 1000 / latency in ms, batch 1).");
            } else {
                c.append(" (dashed).");
            }
            if (!front.equals("search")) {
                c.append(" Unlike the search front, this front does not apply them.");
            }
        }
        return c.toString();
    }

    static String describe(Bound b) {
        List<String> parts = new ArrayList<>();
        if (b.min() != null) {
            parts.add(b.metric() + " ≥ " + ConstraintLine.number(b.min()));
        }
        if (b.max() != null) {
            parts.add(b.metric() + " ≤ " + ConstraintLine.number(b.max()));
        }
        return String.join(", ", parts);
    }

    private static String verb(Objective o) {
        return o.direction() == Direction.MAXIMIZE ? "max" : "min";
    }

    /** One label per distinct point: members with equal values (a table's ties) share it, "#3, #17 +2". */
    private static Map<List<Double>, String> labels(List<double[]> points, List<String> ids) {
        Map<List<Double>, List<String>> byPoint = new java.util.LinkedHashMap<>();
        for (int i = 0; i < points.size(); i++) {
            byPoint.computeIfAbsent(List.of(points.get(i)[0], points.get(i)[1]), k -> new ArrayList<>()).add("#" + ids.get(i));
        }
        Map<List<Double>, String> out = new java.util.LinkedHashMap<>();
        byPoint.forEach((p, names) -> out.put(p, names.size() <= 2 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 2)) + " +" + (names.size() - 2)));
        return out;
    }

    /**
     * The front's points joined through their worse corners: between two neighbours the boundary of
     * what they dominate runs through (worse x, worse y), for any pair of directions.
     */
    private List<double[]> staircase(List<double[]> front) {
        List<double[]> sorted = new ArrayList<>(front);
        sorted.sort(Comparator.comparingDouble(p -> p[0]));
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            double[] p = sorted.get(i);
            if (i > 0) {
                double[] q = sorted.get(i - 1);
                out.add(new double[] {worse(x, q[0], p[0]), worse(y, q[1], p[1])});
            }
            out.add(p);
        }
        return out;
    }

    private static double worse(Objective o, double a, double b) {
        return o.direction() == Direction.MAXIMIZE ? Math.min(a, b) : Math.max(a, b);
    }

    /** @param seColumn non-null: each point's third value is drawn as a ±error bar */
    private static XYSeries scatter(XYChart chart, String name, List<double[]> points, java.awt.Color color,
                                    String seColumn) {
        XYSeries s = seColumn == null ? chart.addSeries(name, column(points, 0), column(points, 1))
                : chart.addSeries(name, column(points, 0), column(points, 1), column(points, 2));
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
        return s;
    }

    private static void line(XYChart chart, String name, double[] xs, double[] ys) {
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(ChartStyle.CONSTRAINT);
        s.setLineStyle(ChartStyle.DASHED);
    }

    /** The padded span of every point (with its error bar) and line value on one axis (a unit span around a single value). */
    private static double[] range(List<double[]> a, List<double[]> b, List<double[]> c, int axis, List<ConstraintLine> lines) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (List<double[]> points : List.of(a, b, c)) {
            for (double[] p : points) {
                if (Double.isFinite(p[axis])) {
                    double bar = axis == 1 ? p[2] : 0;   // the error bar, so it is not clipped
                    lo = Math.min(lo, p[axis] - bar);
                    hi = Math.max(hi, p[axis] + bar);
                }
            }
        }
        for (ConstraintLine l : lines) {
            lo = Math.min(lo, l.value());
            hi = Math.max(hi, l.value());
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        double span = hi - lo;
        if (span == 0) {
            span = lo == 0 ? 1 : Math.abs(lo) * 0.1;
        }
        return new double[] {lo - span * PAD, hi + span * PAD};
    }

    private static double[] beyond(double[] range) {
        double span = range[1] - range[0];
        return new double[] {range[0] - span, range[1] + span};
    }

    private static double[] column(List<double[]> points, int axis) {
        return points.stream().mapToDouble(p -> p[axis]).toArray();
    }
}
