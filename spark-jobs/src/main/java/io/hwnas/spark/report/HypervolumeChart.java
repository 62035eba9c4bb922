package io.hwnas.spark.report;

import io.hwnas.pareto.Direction;
import io.hwnas.pareto.Objective;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Search quality over the run: the hypervolume of the search front after every batch (hypervolume.csv). */
final class HypervolumeChart {
    static final String NAME = "hypervolume";
    static final String SERIES = "hypervolume after each batch";

    private HypervolumeChart() {
    }

    static Figure figure(RunData run, List<Objective> objectives, ColumnLabels labels) {
        List<Map<String, String>> rows = run.hypervolume();
        double[] evaluations = rows.stream().mapToDouble(r -> Cells.number(r, "evaluations")).toArray();
        double[] hypervolume = rows.stream().mapToDouble(r -> Cells.number(r, "hypervolume")).toArray();
        String units = objectives.stream().map(o -> labels.unit(o.name())).filter(u -> !u.isEmpty())
                .collect(Collectors.joining(" × "));
        String title = "Hypervolume of the search front";
        XYChart chart = ChartStyle.chart(title, "evaluations (cumulative)",
                "hypervolume" + (units.isEmpty() ? "" : " (" + units + ")"));
        double maxEvaluations = Arrays.stream(evaluations).filter(Double::isFinite).max().orElse(1);
        double[] xRange = {0, Math.max(1, maxEvaluations) * 1.05};
        double[] yRange = yRange(hypervolume);
        chart.getStyler().setXAxisMin(xRange[0]).setXAxisMax(xRange[1]);
        chart.getStyler().setYAxisMin(yRange[0]).setYAxisMax(yRange[1]);
        ChartStyle.ticks(chart, xRange, yRange);
        XYSeries hv = chart.addSeries(SERIES, evaluations, hypervolume);
        hv.setXYSeriesRenderStyle(XYSeriesRenderStyle.Line);
        hv.setMarker(SeriesMarkers.CIRCLE);
        hv.setMarkerColor(ChartStyle.FRONT);
        hv.setLineColor(ChartStyle.FRONT);
        hv.setLineStyle(ChartStyle.SOLID);
        String caption = "Hypervolume dominated by the search front ("
                + objectives.stream().map(o -> (o.direction() == Direction.MAXIMIZE ? "max " : "min ") + o.name())
                .collect(Collectors.joining(", "))
                + ") after each of " + rows.size() + (rows.size() == 1 ? " batch" : " batches") + ", against the reference "
                + reference(run) + ". Higher is better; the axis starts near the first value, not at 0.";
        return new Figure(NAME, title, caption, chart);
    }

    /**
     * The values' span with room around it, not from 0: a search gains a few percent of hypervolume
     * after its first batch, which a 0-based axis would flatten into a line.
     */
    private static double[] yRange(double[] values) {
        double lo = Arrays.stream(values).filter(Double::isFinite).min().orElse(0);
        double hi = Arrays.stream(values).filter(Double::isFinite).max().orElse(1);
        double span = hi - lo;
        if (span <= 0) {
            span = hi == 0 ? 1 : Math.abs(hi) * 0.1;
        }
        return new double[] {Math.max(0, lo - span * 0.3), hi + span * 0.3};
    }

    private static String reference(RunData run) {
        String ref = run.field("hypervolumeReference");
        return ref.isEmpty() ? "(not recorded)" : ref.replace("\"", "").replace(":", " = ").replace(",", ", ");
    }
}
