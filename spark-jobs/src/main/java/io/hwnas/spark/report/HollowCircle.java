package io.hwnas.spark.report;

import org.knowm.xchart.style.markers.Marker;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;

/** A ring marker: a front member whose lead is within the noise (XChart's own circle is always filled). */
final class HollowCircle extends Marker {
    private static final BasicStroke RING = new BasicStroke(2f);

    @Override
    public void paint(Graphics2D g, double x, double y, int size) {
        g.setStroke(RING);
        double r = size / 2.0;
        g.draw(new Ellipse2D.Double(x - r, y - r, size, size));
    }
}
