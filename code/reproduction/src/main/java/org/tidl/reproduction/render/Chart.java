package org.tidl.reproduction.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.axis.TickUnitSource;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.tidl.core.io.Csv;

/**
 * A line chart as the paper draws them (JFreeChart, written as PNG): title, axis labels, legend, optional log
 * axes; series drawn solid (ours, theory), dashed (the paper's digitised curves), dotted, or as points
 * (simulation). The data behind a chart is always written to a CSV beside it by the caller.
 */
public final class Chart {

    public enum Style { SOLID, DASHED, DOTTED, POINTS, CROSSES }

    static final Color[] PALETTE = {
            new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
            new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    private record Series(String name, double[] x, double[] y, int color, Style style) { }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private boolean logX;
    private boolean logY;
    private boolean logYFine;
    private boolean logXFine;
    private double[] xRange;
    private double[] yRange;
    private NumberFormat xFormat;
    private double xTick = Double.NaN;
    private NumberFormat yFormat;
    private double yTick = Double.NaN;
    private final List<Series> series = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final java.util.Set<Integer> unlisted = new java.util.HashSet<>();

    public Chart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public Chart logX() { logX = true; return this; }

    public Chart logY() { logY = true; return this; }

    /**
     * A log y axis labelled at 1, 2 and 5 × 10^k (minor ticks at the other digits; every digit labelled when that
     * gives fewer than three labels): for data within a decade or two, where one label per decade leaves a single
     * label or none.
     */
    public Chart logYFine() { logY = true; logYFine = true; return this; }

    /** The x axis as {@link #logYFine} draws the y axis (a learning-rate grid within a decade or two). */
    public Chart logXFine() { logX = true; logXFine = true; return this; }

    public Chart xRange(double lo, double hi) { xRange = new double[] {lo, hi}; return this; }

    public Chart yRange(double lo, double hi) { yRange = new double[] {lo, hi}; return this; }

    /** Tick labels for a linear x axis (e.g. γ written at −log10(1−γ)). */
    public Chart xTicks(double unit, NumberFormat format) { xTick = unit; xFormat = format; return this; }

    /** Tick spacing and labels for a linear y axis (JFreeChart's own choice packs them as densely as they fit). */
    public Chart yTicks(double unit, NumberFormat format) { yTick = unit; yFormat = format; return this; }

    /** A line of text under the title (ratios, correlations). */
    public Chart note(String text) { notes.add(text); return this; }

    public Chart add(String name, double[] x, double[] y, int color, Style style) {
        series.add(new Series(name, x.clone(), y.clone(), color, style));
        return this;
    }

    /**
     * Leaves the series added last out of the legend: a curve whose meaning the legend already gives (a second
     * seed in the colour of the first, the dashed test curve of a listed cell) or a note explains.
     */
    public Chart unlisted() {
        if (series.isEmpty()) {
            throw new IllegalStateException("no series to leave out of the legend");
        }
        unlisted.add(series.size() - 1);
        return this;
    }

    public Chart add(String name, List<double[]> points, int color, Style style) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return add(name, x, y, color, style);
    }

    public JFreeChart build() {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            XYSeries xy = new XYSeries(s.name() + (uniqueName(s, k) ? "" : " #" + k), false, true);
            for (int i = 0; i < s.x().length; i++) {
                double x = s.x()[i];
                double y = s.y()[i];
                boolean ok = Double.isFinite(x) && Double.isFinite(y) && (!logX || x > 0) && (!logY || y > 0);
                xy.add(x, ok ? y : Double.NaN); // NaN breaks the line
            }
            data.addSeries(xy);
            Color c = PALETTE[s.color() % PALETTE.length];
            Paint paint = s.style() == Style.DASHED ? lighter(c) : c;
            r.setSeriesPaint(k, paint);
            boolean marks = s.style() == Style.POINTS || s.style() == Style.CROSSES;
            r.setSeriesLinesVisible(k, !marks);
            r.setSeriesShapesVisible(k, marks);
            r.setSeriesShape(k, s.style() == Style.CROSSES ? org.jfree.chart.util.ShapeUtils.createDiagonalCross(4, 1)
                    : new Ellipse2D.Double(-3, -3, 6, 6));
            r.setSeriesStroke(k, stroke(s.style()));
            r.setSeriesVisibleInLegend(k, !unlisted.contains(k));
        }
        r.setDrawSeriesLineAsPath(true);
        ValueAxis xAxis = logXFine ? FineLogAxis.of(xLabel, xRange) : axis(xLabel, logX, xRange);
        ValueAxis yAxis = logYFine ? FineLogAxis.of(yLabel, yRange) : axis(yLabel, logY, yRange);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        if (xFormat != null) {
            NumberAxis ax = (NumberAxis) plot.getDomainAxis();
            ax.setTickUnit(new NumberTickUnit(xTick, xFormat));
        }
        if (yFormat != null && plot.getRangeAxis() instanceof NumberAxis ay) {
            ay.setTickUnit(new NumberTickUnit(yTick, yFormat));
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        for (String n : notes) {
            chart.addSubtitle(new TextTitle(n, new Font("SansSerif", Font.PLAIN, 11)));
        }
        return chart;
    }

    private boolean uniqueName(Series s, int k) {
        for (int j = 0; j < k; j++) {
            if (series.get(j).name().equals(s.name())) {
                return false;
            }
        }
        return true;
    }

    /** Writes the PNG through a temp file and a rename, so a reader never sees half a picture. */
    public void savePng(Path file, int width, int height) {
        JFreeChart chart = build();
        Csv.writeAtomically(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }

    private static ValueAxis axis(String label, boolean log, double[] range) {
        ValueAxis a;
        if (log) {
            LogAxis l = new LogAxis(label);
            l.setStandardTickUnits(new RootTickUnits());
            l.setBase(10);
            l.setSmallestValue(1e-12);
            l.setTickUnit(new NumberTickUnit(1.0, new DecadeFormat())); // one label per decade
            l.setMinorTickCount(9);
            l.setMinorTickMarksVisible(true);
            l.setNumberFormatOverride(new DecadeFormat());
            a = l;
        } else {
            NumberAxis n = numberAxis(label);
            n.setAutoRangeIncludesZero(false);
            a = n;
        }
        if (range != null) {
            a.setRange(range[0], range[1]);
        }
        return a;
    }

    /**
     * A linear axis whose automatic tick labels do not depend on the default locale. Every number axis of a figure
     * is made here: JFreeChart's own tick units format with the default locale ("0,5" under German).
     */
    public static NumberAxis numberAxis(String label) {
        NumberAxis a = new NumberAxis(label);
        a.setStandardTickUnits(new RootTickUnits());
        return a;
    }

    /**
     * JFreeChart's automatic tick sizes (its NumberTickUnitSource: 1, 2 and 5 × 10^k, the same sizes, patterns and
     * minor tick counts, so figures look as before) with the labels formatted in {@link Locale#ROOT}.
     */
    public static final class RootTickUnits implements TickUnitSource, java.io.Serializable {
        @Override
        public TickUnit getLargerTickUnit(TickUnit unit) {
            TickUnit t = getCeilingTickUnit(unit);
            return t.getSize() == unit.getSize() ? getCeilingTickUnit(Math.nextUp(unit.getSize())) : t;
        }

        @Override
        public TickUnit getCeilingTickUnit(TickUnit unit) {
            return getCeilingTickUnit(unit.getSize());
        }

        /** The smallest 1, 2 or 5 × 10^k at or above {@code size}. */
        @Override
        public TickUnit getCeilingTickUnit(double size) {
            if (Double.isInfinite(size)) {
                throw new IllegalArgumentException("Must be finite.");
            }
            int power = (int) Math.ceil(Math.log10(size));
            int factor = 1;
            while (true) { // step down until below size, then one step up
                if (factor == 1) {
                    power--;
                    factor = 5;
                } else {
                    factor = factor == 5 ? 2 : 1;
                }
                if (factor * Math.pow(10.0, power) < size) {
                    if (factor == 5) {
                        power++;
                        factor = 1;
                    } else {
                        factor = factor == 1 ? 2 : 5;
                    }
                    int minorTicks = factor == 1 ? 10 : factor == 5 ? 5 : 0;
                    return new NumberTickUnit(factor * Math.pow(10.0, power), format(power), minorTicks);
                }
            }
        }

        private static NumberFormat format(int power) {
            String pattern = power >= -4 && power <= -1 ? "0." + "0".repeat(-power) : power >= 0 && power <= 6 ? "#,##0"
                    : "#.######E0";
            return new java.text.DecimalFormat(pattern, java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
        }
    }

    /** Decades as 0.001, 0.01, 1, 10, 1000 (and 1e-5 beyond). */
    public static final class DecadeFormat extends NumberFormat {
        @Override
        public StringBuffer format(double v, StringBuffer sb, java.text.FieldPosition pos) {
            if (v >= 1e-4 && v < 1e6) {
                return sb.append(new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString());
            }
            return sb.append(String.format(Locale.ROOT, "%.0e", v).replace("e-0", "e-").replace("e+0", "e").replace("e+", "e"));
        }

        @Override
        public StringBuffer format(long v, StringBuffer sb, java.text.FieldPosition pos) {
            return format((double) v, sb, pos);
        }

        @Override
        public Number parse(String s, java.text.ParsePosition pos) {
            return null;
        }
    }

    private static Stroke stroke(Style s) {
        return switch (s) {
            case DASHED -> new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 4f}, 0f);
            case DOTTED -> new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {1.5f, 3.5f}, 0f);
            default -> new BasicStroke(2.0f);
        };
    }

    private static Color lighter(Color c) {
        return new Color((c.getRed() + 255) / 2, (c.getGreen() + 255) / 2, (c.getBlue() + 255) / 2);
    }
}
