package io.hwnas.spark.report;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

/** The one look of every report chart: white, light grid, legend below, compact tick labels. */
final class ChartStyle {
    static {
        // before the first AWT class below initialises: java.awt.Color's initialiser already asks whether AWT is headless
        ChartImages.headless();
    }

    /** Logical size of a chart; PNGs are rendered at {@link ChartImages#SCALE} times this. */
    static final int WIDTH = 600;
    static final int HEIGHT = 430;

    static final Color EVALUATED = new Color(120, 120, 120, 150);
    static final Color INFEASIBLE = new Color(230, 140, 40, 200);
    static final Color FRONT = new Color(31, 100, 200);
    static final Color CONSTRAINT = new Color(200, 30, 40);
    static final Color SECONDARY = new Color(150, 150, 150);
    static final Color ERROR_BAR = new Color(120, 120, 120, 90);
    static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {8f, 5f}, 0f);
    static final BasicStroke SOLID = new BasicStroke(2f);

    private ChartStyle() {
    }

    /** Tick labels fitted to the axis ranges (see {@link ColumnLabels#ticks}). */
    static void ticks(XYChart chart, double[] xRange, double[] yRange) {
        chart.getStyler().setxAxisTickLabelsFormattingFunction(ColumnLabels.ticks(xRange[0], xRange[1]));
        chart.getStyler().setyAxisTickLabelsFormattingFunction(ColumnLabels.ticks(yRange[0], yRange[1]));
    }

    static XYChart chart(String title, String xTitle, String yTitle) {
        ChartImages.headless();
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(190, 190, 190));
        s.setPlotGridLinesColor(new Color(228, 228, 228));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        s.setAnnotationTextFontColor(FRONT);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setChartPadding(18);
        s.setMarkerSize(8);
        return chart;
    }
}
