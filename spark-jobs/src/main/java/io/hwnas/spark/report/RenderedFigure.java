package io.hwnas.spark.report;

/** A figure drawn: its PNG bytes (embedded in the page and written beside it) and its SVG text. */
public record RenderedFigure(Figure figure, byte[] png, String svg) {

    public static RenderedFigure of(Figure figure) {
        return new RenderedFigure(figure, ChartImages.png(figure.chart()), ChartImages.svg(figure.chart()));
    }

    public String pngFile() {
        return figure.name() + ".png";
    }

    public String svgFile() {
        return figure.name() + ".svg";
    }
}
