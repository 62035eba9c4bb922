package io.hwnas.spark.report;

import org.knowm.xchart.XYChart;

import java.util.List;

/**
 * A chart of the report with what the page says about it.
 *
 * @param name file stem of its PNG and SVG, and the page's anchor ({@code pareto-macs}, {@code hypervolume})
 * @param caption plain text under the chart: what is drawn and what is left out
 */
public record Figure(String name, String title, String caption, XYChart chart) {

    public Figure {
        if (name == null || !name.matches("[a-z0-9_.-]+")) {
            throw new IllegalArgumentException("figure name '" + name + "' must be lower-case letters, digits, _ . -");
        }
    }

    /** Every series in drawing order (incl. the front's boundary line, which the legend leaves out). */
    public List<String> seriesNames() {
        return List.copyOf(chart.getSeriesMap().keySet());
    }
}
