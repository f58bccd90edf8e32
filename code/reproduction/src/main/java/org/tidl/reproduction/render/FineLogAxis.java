package org.tidl.reproduction.render;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.LogAxis;

/**
 * A log axis with ticks labelled at 1, 2 and 5 × 10^k and unlabelled minor ticks at the other digits (every digit
 * labelled when that gives fewer than three labels): for data within a decade or two, where JFreeChart's one label
 * per decade leaves a single label or none ({@link Chart#logXFine}, {@link Chart#logYFine}). Labels are
 * {@link Chart.DecadeFormat}'s, independent of the locale.
 */
final class FineLogAxis extends LogAxis {
    FineLogAxis(String label) {
        super(label);
        setBase(10);
        setSmallestValue(1e-12);
        setMinorTickMarksVisible(true);
    }

    static FineLogAxis of(String label, double[] range) {
        FineLogAxis a = new FineLogAxis(label);
        if (range != null) {
            a.setRange(range[0], range[1]);
        }
        return a;
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected List refreshTicksVertical(java.awt.Graphics2D g2, java.awt.geom.Rectangle2D dataArea,
                                        org.jfree.chart.ui.RectangleEdge edge) {
        return ticks(edge == org.jfree.chart.ui.RectangleEdge.LEFT ? org.jfree.chart.ui.TextAnchor.CENTER_RIGHT
                : org.jfree.chart.ui.TextAnchor.CENTER_LEFT);
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected List refreshTicksHorizontal(java.awt.Graphics2D g2, java.awt.geom.Rectangle2D dataArea,
                                          org.jfree.chart.ui.RectangleEdge edge) {
        return ticks(edge == org.jfree.chart.ui.RectangleEdge.TOP ? org.jfree.chart.ui.TextAnchor.BOTTOM_CENTER
                : org.jfree.chart.ui.TextAnchor.TOP_CENTER);
    }

    private List<org.jfree.chart.axis.NumberTick> ticks(org.jfree.chart.ui.TextAnchor anchor) {
        org.jfree.data.Range range = getRange();
        int from = (int) Math.floor(Math.log10(Math.max(range.getLowerBound(), 1e-12)));
        int to = (int) Math.ceil(Math.log10(Math.max(range.getUpperBound(), 1e-12)));
        List<double[]> candidates = new ArrayList<>(); // value, digit
        for (int k = from; k <= to; k++) {
            for (int digit = 1; digit <= 9; digit++) {
                double v = new java.math.BigDecimal(digit).scaleByPowerOfTen(k).doubleValue();
                if (range.contains(v)) {
                    candidates.add(new double[] {v, digit});
                }
            }
        }
        // a range narrower than 1-2-5 labels (0.45 to 0.75 holds only 0.5) gets every digit labelled
        boolean everyDigit = candidates.stream().filter(c -> c[1] == 1 || c[1] == 2 || c[1] == 5).count() < 3;
        Chart.DecadeFormat format = new Chart.DecadeFormat();
        List<org.jfree.chart.axis.NumberTick> ticks = new ArrayList<>();
        for (double[] c : candidates) {
            boolean major = everyDigit || c[1] == 1 || c[1] == 2 || c[1] == 5;
            ticks.add(new org.jfree.chart.axis.NumberTick(major ? org.jfree.chart.axis.TickType.MAJOR
                    : org.jfree.chart.axis.TickType.MINOR, c[0], major ? format.format(c[0]) : "", anchor, anchor, 0.0));
        }
        return ticks;
    }
}
