package org.tidl.reproduction.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

/**
 * Names written beside their points, placed at draw time (when the pixel positions are known) so that no label
 * covers another label or a marker: each label, in order, takes the first free place among eight around its point
 * at growing distances; a label moved away from its point gets a thin leader line. The placement is a pure function
 * of the points and the fonts, so the same chart gives the same picture.
 */
final class PointLabels extends AbstractXYAnnotation {

    /** A label for the point (x, y) in data coordinates. */
    record Label(double x, double y, String text, Color color) { }

    private static final Font FONT = new Font("SansSerif", Font.PLAIN, 11);
    /** Half the size of the box kept free around every marker. */
    private static final double MARKER = 5;
    /** Directions tried, in order: right, left, above, below, then the diagonals. */
    private static final double[][] DIRECTIONS = {{1, 0}, {-1, 0}, {0, -1}, {0, 1}, {1, -1}, {-1, -1}, {1, 1}, {-1, 1}};

    private final List<Label> labels;
    private final List<double[]> markers;

    /** @param markers every marker drawn on the plot (data coordinates), which labels must not cover */
    PointLabels(List<Label> labels, List<double[]> markers) {
        this.labels = List.copyOf(labels);
        this.markers = List.copyOf(markers);
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D area, ValueAxis domain, ValueAxis range, int index,
                     PlotRenderingInfo info) {
        RectangleEdge xEdge = plot.getDomainAxisEdge();
        RectangleEdge yEdge = plot.getRangeAxisEdge();
        List<Rectangle2D> taken = new ArrayList<>();
        for (double[] m : markers) {
            double px = domain.valueToJava2D(m[0], area, xEdge);
            double py = range.valueToJava2D(m[1], area, yEdge);
            if (Double.isFinite(px) && Double.isFinite(py)) {
                taken.add(new Rectangle2D.Double(px - MARKER, py - MARKER, 2 * MARKER, 2 * MARKER));
            }
        }
        g2.setFont(FONT);
        FontMetrics fm = g2.getFontMetrics();
        for (Label l : labels) {
            double px = domain.valueToJava2D(l.x(), area, xEdge);
            double py = range.valueToJava2D(l.y(), area, yEdge);
            if (!Double.isFinite(px) || !Double.isFinite(py)) {
                continue;
            }
            double w = fm.stringWidth(l.text());
            double h = fm.getAscent() + fm.getDescent();
            Rectangle2D box = place(px, py, w, h, area, taken);
            taken.add(box);
            double cx = box.getCenterX();
            double cy = box.getCenterY();
            if (Math.hypot(cx - px, cy - py) > Math.max(w, h) / 2 + 2 * MARKER + 2) { // moved away: a leader line
                double[] end = nearestOnBox(box, px, py);
                g2.setPaint(new Color(0x999999));
                g2.setStroke(new BasicStroke(0.8f));
                g2.draw(new java.awt.geom.Line2D.Double(px, py, end[0], end[1]));
            }
            g2.setPaint(l.color().darker());
            g2.drawString(l.text(), (float) box.getX(), (float) (box.getY() + fm.getAscent()));
        }
    }

    /** The first free box around (px, py) inside the area; the nearest one if every place is taken. */
    static Rectangle2D place(double px, double py, double w, double h, Rectangle2D area, List<Rectangle2D> taken) {
        Rectangle2D fallback = null;
        for (int ring = 0; ring < 8; ring++) {
            double gap = MARKER + 2 + ring * 9;
            for (double[] d : DIRECTIONS) {
                double x = d[0] > 0 ? px + gap : d[0] < 0 ? px - gap - w : px - w / 2;
                double y = d[1] > 0 ? py + gap : d[1] < 0 ? py - gap - h : py - h / 2;
                Rectangle2D box = new Rectangle2D.Double(x, y, w, h);
                if (!area.contains(box)) {
                    continue;
                }
                if (fallback == null) {
                    fallback = box;
                }
                if (taken.stream().noneMatch(t -> t.intersects(box))) {
                    return box;
                }
            }
        }
        return fallback != null ? fallback : new Rectangle2D.Double(px + MARKER + 2, py - h / 2, w, h);
    }

    private static double[] nearestOnBox(Rectangle2D b, double px, double py) {
        return new double[] {Math.max(b.getMinX(), Math.min(px, b.getMaxX())), Math.max(b.getMinY(), Math.min(py, b.getMaxY()))};
    }

    @Override
    public boolean equals(Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
