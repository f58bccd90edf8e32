package org.tidl.reproduction.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.text.AttributedString;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.TickUnit;
import org.jfree.chart.axis.TickUnitSource;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.tidl.core.io.Csv;

/**
 * A line chart as the paper draws them (JFreeChart, written as PNG and SVG): title, axis labels, legend, optional log
 * axes; series drawn solid (ours, theory), dashed (the paper's digitised curves), dotted, as points (simulation) or as
 * lines with markers. The data behind a chart is always written to a CSV beside it by the caller.
 *
 * <p>Legends list only what can be seen: by default one entry per series, or (with {@link #key}) one entry per
 * colour and one per line style, so "colour = topology, style = source" needs n + k entries instead of n × k; a
 * curve drawn under another (see {@link #hides}) is said once in a note instead of in the legend. Points can carry
 * their own labels ({@link #label}), placed so that they do not overlap ({@link PointLabels}).
 */
public final class Chart {

    /** How a series is drawn. */
    public enum Style {
        SOLID, DASHED, DOTTED, POINTS, CROSSES,
        /** A solid line with a marker at every point (few points, e.g. evaluations). */
        LINE_POINTS,
        /** Hollow markers (squares unless {@link #shape} says otherwise): both show where two fall together. */
        OPEN_MARKS
    }

    /** Colour-blind friendly enough and distinct: matplotlib's tab10. */
    static final Color[] PALETTE = {
            new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
            new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    /** The colour index that draws black (outside the palette), for series that stand apart (e.g. a scaling run). */
    public static final int BLACK = -1;

    /** How far (pixels, at the nominal plot size) a curve may stray from another and still count as hidden under it. */
    static final double HIDDEN_PX = 2.5;
    /** The nominal size of the data area of a {@link FigureFiles#WIDTH} × {@link FigureFiles#HEIGHT} chart. */
    static final double PLOT_W = 820;
    static final double PLOT_H = 460;

    private static final Color NEUTRAL = new Color(0x444444);

    private record Series(String name, double[] x, double[] y, int color, Style style, Stroke stroke, Shape shape) { }

    /**
     * One legend entry: a colour ({@code style} null: a swatch of that colour) or a line style ({@code color}
     * {@link #NO_COLOR}: drawn in dark grey).
     */
    public record Key(String label, int color, Style style) {
        public static final int NO_COLOR = Integer.MIN_VALUE;

        /** An entry for a colour, e.g. a topology. */
        public static Key colour(String label, int color) {
            return new Key(label, color, null);
        }

        /** An entry for a style, e.g. "dashed: the paper". */
        public static Key style(String label, Style style) {
            return new Key(label, NO_COLOR, style);
        }
    }

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
    private boolean legend = true;
    private final List<Series> series = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final java.util.Set<Integer> unlisted = new java.util.HashSet<>();
    private final List<Key> keys = new ArrayList<>();
    private final List<PointLabels.Label> labels = new ArrayList<>();

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

    /** A line of text under the title (ratios, correlations, what the legend leaves out). */
    public Chart note(String text) { notes.add(text); return this; }

    /** Replaces the per-series legend by these entries (colours and styles), in this order. */
    public Chart key(Key... entries) {
        keys.addAll(List.of(entries));
        return this;
    }

    /** Replaces the per-series legend by these entries. */
    public Chart key(List<Key> entries) {
        keys.addAll(entries);
        return this;
    }

    /** No legend at all (every point labelled directly). */
    public Chart noLegend() { legend = false; return this; }

    /** A text beside the point (x, y), in the colour's shade; labels are placed so that they do not overlap. */
    public Chart label(double x, double y, String text, int color) {
        labels.add(new PointLabels.Label(x, y, text, paint(color)));
        return this;
    }

    public Chart add(String name, double[] x, double[] y, int color, Style style) {
        return add(name, x, y, color, style, null);
    }

    /** A series with its own stroke (width, dash pattern), e.g. to tell curves apart where they run together. */
    public Chart add(String name, double[] x, double[] y, int color, Style style, Stroke stroke) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(name + ": " + x.length + " x values but " + y.length + " y values");
        }
        series.add(new Series(name, x.clone(), y.clone(), color, style, stroke, null));
        return this;
    }

    /**
     * Gives the last series marker shape {@code k} of JFreeChart's ten standard shapes (square, circle, up-triangle,
     * diamond, …), so that points of different series stay apart even where they fall together.
     */
    public Chart shape(int k) {
        Shape[] shapes = org.jfree.chart.plot.DefaultDrawingSupplier.createStandardSeriesShapes();
        Series s = series.remove(series.size() - 1);
        Shape grown = java.awt.geom.AffineTransform.getScaleInstance(1.4, 1.4) // about the centre: they are centred on 0
                .createTransformedShape(shapes[Math.floorMod(k, shapes.length)]);
        series.add(new Series(s.name(), s.x(), s.y(), s.color(), s.style(), s.stroke(), grown));
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
        return add(name, points, color, style, null);
    }

    public Chart add(String name, List<double[]> points, int color, Style style, Stroke stroke) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = points.get(i)[0];
            y[i] = points.get(i)[1];
        }
        return add(name, x, y, color, style, stroke);
    }

    /** How many series were added; the next one gets this index (for {@link #hides}). */
    public int size() {
        return series.size();
    }

    /**
     * Whether series {@code covered} is drawn under series {@code cover}: every point of it that lies inside the
     * axes is within {@link #HIDDEN_PX} pixels of {@code cover}'s line at the nominal plot size. Such a curve cannot
     * be seen, so the legend must not list it.
     */
    public boolean hides(int cover, int covered) {
        double[][] range = {xRange != null ? xRange : dataRange(true), yRange != null ? yRange : dataRange(false)};
        Series a = series.get(cover);
        Series b = series.get(covered);
        double[][] pa = pixels(a, range);
        boolean any = false;
        for (double[] p : pixels(b, range)) {
            if (p == null || p[0] < 0 || p[0] > PLOT_W || p[1] < 0 || p[1] > PLOT_H) {
                continue; // not drawn
            }
            any = true;
            if (distanceToLine(p, pa) > HIDDEN_PX) {
                return false;
            }
        }
        return any;
    }

    /** Whether series {@code k} has a point inside the axes (a series of NaN, or all off the axes, shows nothing). */
    public boolean drawable(int k) {
        double[][] range = {xRange != null ? xRange : dataRange(true), yRange != null ? yRange : dataRange(false)};
        for (double[] p : pixels(series.get(k), range)) {
            if (p != null && p[0] >= 0 && p[0] <= PLOT_W && p[1] >= 0 && p[1] <= PLOT_H) {
                return true;
            }
        }
        return false;
    }

    private double[][] pixels(Series s, double[][] range) {
        double[][] out = new double[s.x().length][];
        for (int i = 0; i < out.length; i++) {
            double u = axisFraction(s.x()[i], range[0], logX);
            double v = axisFraction(s.y()[i], range[1], logY);
            out[i] = Double.isFinite(u) && Double.isFinite(v) ? new double[] {u * PLOT_W, v * PLOT_H} : null;
        }
        return out;
    }

    private static double axisFraction(double v, double[] range, boolean log) {
        if (log) {
            return v > 0 ? Math.log(v / range[0]) / Math.log(range[1] / range[0]) : Double.NaN;
        }
        return (v - range[0]) / (range[1] - range[0]);
    }

    /** Distance from p to the polyline through the non-null points (a null breaks the line). */
    private static double distanceToLine(double[] p, double[][] line) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < line.length; i++) {
            if (line[i] == null) {
                continue;
            }
            double[] q = i + 1 < line.length && line[i + 1] != null ? line[i + 1] : line[i];
            best = Math.min(best, Line2D.ptSegDist(line[i][0], line[i][1], q[0], q[1], p[0], p[1]));
        }
        return best;
    }

    private double[] dataRange(boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean log = x ? logX : logY;
        for (Series s : series) {
            for (double v : x ? s.x() : s.y()) {
                if (Double.isFinite(v) && (!log || v > 0)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return hi > lo ? new double[] {lo, hi} : new double[] {lo, lo + 1};
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
            Color c = paint(s.color());
            r.setSeriesPaint(k, s.style() == Style.DASHED ? lighter(c) : c);
            boolean marks = s.style() == Style.POINTS || s.style() == Style.CROSSES || s.style() == Style.OPEN_MARKS
                    || s.style() == Style.LINE_POINTS;
            r.setSeriesLinesVisible(k, !isMarkOnly(s.style()));
            r.setSeriesShapesVisible(k, marks);
            r.setSeriesShapesFilled(k, s.style() != Style.OPEN_MARKS);
            r.setSeriesShape(k, s.shape() != null ? s.shape() : shape(s.style()));
            r.setSeriesStroke(k, s.stroke() != null ? s.stroke() : stroke(s.style()));
            r.setSeriesOutlineStroke(k, new BasicStroke(s.style() == Style.OPEN_MARKS ? 1.6f : 1f));
            r.setSeriesVisibleInLegend(k, !unlisted.contains(k));
        }
        r.setDrawSeriesLineAsPath(true);
        r.setUseOutlinePaint(false);
        r.setDrawOutlines(true);
        ValueAxis xAxis = axis(xLabel, logX, logXFine, xRange);
        ValueAxis yAxis = axis(yLabel, logY, logYFine, yRange);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        if (xFormat != null) {
            NumberAxis ax = (NumberAxis) plot.getDomainAxis();
            ax.setTickUnit(new NumberTickUnit(xTick, xFormat));
        } else {
            fewTicks(plot.getDomainAxis());
        }
        if (yFormat != null && plot.getRangeAxis() instanceof NumberAxis ay) {
            ay.setTickUnit(new NumberTickUnit(yTick, yFormat));
        } else {
            fewTicks(plot.getRangeAxis());
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        if (!keys.isEmpty()) {
            LegendItemCollection items = new LegendItemCollection();
            for (Key key : keys) {
                items.add(legendItem(key));
            }
            plot.setFixedLegendItems(items);
        }
        if (!labels.isEmpty()) {
            List<double[]> markers = new ArrayList<>();
            for (Series s : series) {
                if (isMarkOnly(s.style()) || s.style() == Style.LINE_POINTS) {
                    for (int i = 0; i < s.x().length; i++) {
                        markers.add(new double[] {s.x()[i], s.y()[i]});
                    }
                }
            }
            plot.addAnnotation(new PointLabels(labels, markers));
        }
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 15), plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        for (String n : notes) {
            chart.addSubtitle(new TextTitle(n, new Font("SansSerif", Font.PLAIN, 11)));
        }
        return chart;
    }

    private static boolean isMarkOnly(Style s) {
        return s == Style.POINTS || s == Style.CROSSES || s == Style.OPEN_MARKS;
    }

    private static LegendItem legendItem(Key key) {
        Line2D line = new Line2D.Double(-9, 0, 9, 0);
        if (key.style() == null) { // a colour: a filled square
            Color c = paint(key.color());
            return new LegendItem(key.label(), null, null, null, true, new Rectangle2D.Double(-5, -5, 10, 10), true, c,
                    false, c, new BasicStroke(1f), false, line, new BasicStroke(1f), c);
        }
        Style s = key.style();
        Color c = key.color() == Key.NO_COLOR ? NEUTRAL : paint(key.color());
        boolean marks = isMarkOnly(s) || s == Style.LINE_POINTS;
        return new LegendItem(key.label(), null, null, null, marks, shape(s), s != Style.OPEN_MARKS, c,
                s == Style.OPEN_MARKS, c, new BasicStroke(1.2f), !isMarkOnly(s), line, stroke(s),
                s == Style.DASHED ? lighter(c) : c);
    }

    /** A legible number of ticks on a linear axis: 5 to 10 of 1, 2 or 5 × 10^k (JFreeChart packs them as dense as fits). */
    private static void fewTicks(ValueAxis a) {
        if (a instanceof NumberAxis n) {
            Range range = n.getRange();
            TickUnit unit = new RootTickUnits().getCeilingTickUnit(range.getLength() / 10);
            n.setTickUnit((NumberTickUnit) unit, false, true);
        }
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

    /** Writes the chart as SVG (vector, for papers), atomically and with the same bytes every time. */
    public void saveSvg(Path file, int width, int height) {
        JFreeChart chart = build();
        Pictures.writeSvg(file, width, height, g -> chart.draw(g, new Rectangle2D.Double(0, 0, width, height)));
    }

    private static ValueAxis axis(String label, boolean log, boolean fine, double[] range) {
        ValueAxis a;
        if (log) {
            LogAxis l = new LogTicksAxis(label, fine);
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
     * A log axis whose labelled ticks suit its span: decades (1, 10, 100) over 3 decades or more, 1-2-5 over more
     * than one, and every 1…9 × 10^k within about one decade (a loss between 0.35 and 1.2 gets 0.4, 0.5, … 1 instead
     * of the single label "1"). The other integers × 10^k are minor ticks. {@code fine} ({@link #logXFine},
     * {@link #logYFine}): 1-2-5 whatever the span, every digit when that gives fewer than three labels.
     */
    static final class LogTicksAxis extends LogAxis {
        private final boolean fine;

        LogTicksAxis(String label) {
            this(label, false);
        }

        LogTicksAxis(String label, boolean fine) {
            super(label);
            this.fine = fine;
        }

        @Override
        protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
            return ticks(edge == RectangleEdge.LEFT ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT);
        }

        @Override
        protected List refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
            return ticks(edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER);
        }

        List<LogTick> ticks(TextAnchor anchor) {
            Range r = getRange();
            double lo = Math.max(r.getLowerBound(), getSmallestValue());
            double hi = r.getUpperBound();
            double decades = Math.log10(hi / lo);
            List<double[]> candidates = new ArrayList<>(); // value, mantissa
            for (int e = (int) Math.floor(Math.log10(lo)); e <= (int) Math.ceil(Math.log10(hi)); e++) {
                for (int m = 1; m <= 9; m++) {
                    double v = m * Math.pow(10, e);
                    if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) {
                        candidates.add(new double[] {v, m});
                    }
                }
            }
            int[] oneTwoFive = {1, 2, 5};
            int[] every = {1, 2, 3, 4, 5, 6, 7, 8, 9};
            int[] labelled;
            if (fine) {
                long shown = candidates.stream().filter(c -> c[1] == 1 || c[1] == 2 || c[1] == 5).count();
                labelled = shown < 3 ? every : oneTwoFive;
            } else {
                labelled = decades >= 3 ? new int[] {1} : decades > 1.2 ? oneTwoFive : every;
            }
            List<LogTick> out = new ArrayList<>();
            DecadeFormat f = new DecadeFormat();
            for (double[] c : candidates) {
                boolean major = java.util.Arrays.stream(labelled).anyMatch(x -> x == (int) c[1]);
                out.add(new LogTick(major ? TickType.MAJOR : TickType.MINOR, c[0],
                        major ? new AttributedString(f.format(c[0])) : null, anchor));
            }
            return out;
        }
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

    /** Decades as 0.001, 0.01, 1, 10, 1000 (and 1e-5 beyond); any other value with up to 3 significant digits. */
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

    /** The palette's colour, or black for {@link #BLACK}. */
    static Color paint(int color) {
        return color == BLACK ? Color.BLACK : PALETTE[Math.floorMod(color, PALETTE.length)];
    }

    private static Shape shape(Style s) {
        return switch (s) {
            case CROSSES -> ShapeUtils.createDiagonalCross(4, 1);
            case OPEN_MARKS -> new Rectangle2D.Double(-5, -5, 10, 10);
            case LINE_POINTS -> new Ellipse2D.Double(-2.5, -2.5, 5, 5);
            default -> new Ellipse2D.Double(-3, -3, 6, 6);
        };
    }

    static Stroke stroke(Style s) {
        return switch (s) {
            case DASHED -> new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 4f}, 0f);
            case DOTTED -> new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {1.5f, 3.5f}, 0f);
            case LINE_POINTS -> new BasicStroke(1.6f);
            default -> new BasicStroke(2.0f);
        };
    }

    /** A solid line of the given width (wide under narrow shows curves that run together as nested bands). */
    public static Stroke solid(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND);
    }

    /** A dashed line of the given width (as {@link Style#DASHED}). */
    public static Stroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 4f}, 0f);
    }

    private static Color lighter(Color c) {
        return new Color((c.getRed() + 255) / 2, (c.getGreen() + 255) / 2, (c.getBlue() + 255) / 2);
    }
}
