package org.tidl.reproduction.render;

import static org.tidl.reproduction.table.Column.number;
import static org.tidl.reproduction.table.Column.text;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;
import org.tidl.core.io.Csv;
import org.tidl.reproduction.dl.CovarianceStudy;
import org.tidl.reproduction.table.Schema;
import org.tidl.reproduction.table.Table;
import org.tidl.reproduction.table.TableOutput;

/**
 * Fig. 5 as {@code NAME.csv} (the fitted γ per topology), {@code NAME-matrices.csv} (every entry of W, the measured
 * and the random-walk covariance) and {@code NAME.png} / {@code .svg}: heatmaps in rows of three per topology (W,
 * measured, Σ(γ)).
 */
public final class CovarianceRender implements Renderer<CovarianceStudy.Result> {

    public static final TableOutput FITS = new TableOutput("", Schema.of(text("topology"), text("spec"), number("workers"),
            number("learning_rate"), number("fitted_gamma"), number("n_w_at_fitted_gamma"), number("relative_residual")));

    public static final TableOutput MATRICES = new TableOutput("-matrices", Schema.of(text("topology"), text("matrix"),
            number("i"), number("j"), number("value")));

    @Override
    public List<TableOutput> tables() {
        return List.of(FITS, MATRICES);
    }

    @Override
    public void render(CovarianceStudy.Result r, FigureOutput out) {
        Table fits = FITS.schema().table();
        Table matrices = MATRICES.schema().table();
        String[] kinds = {"gossip", "measured", "random_walk"};
        for (CovarianceStudy.Panel p : r.panels()) {
            int n = p.workers();
            fits.add(p.label(), p.spec(), n, p.learningRate(), p.fit().gamma(), p.neighbors(), p.fit().residual());
            double[][] mats = {p.gossip(), p.measured(), p.model()};
            for (int k = 0; k < 3; k++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        matrices.add(p.label(), kinds[k], i, j, mats[k][i * n + j]);
                    }
                }
            }
            out.report(String.format(Locale.ROOT, "%s: %-22s fitted gamma %.4f, n_W %.2f, relative residual %.3f", out.name(),
                    p.label(), p.fit().gamma(), p.neighbors(), p.fit().residual()));
        }
        out.table(FITS, fits);
        out.table(MATRICES, matrices);
        String title = String.format(Locale.ROOT, "Fig. 5 (%s%s): covariance between workers, measured vs random walk at the fitted γ",
                LossGridRender.data(r.config().dataset()), r.config().quick() ? ", quick" : "");
        List<CovarianceStudy.Panel> panels = r.panels();
        out.picture("", WIDTH, TOP + panels.size() * ROW, g -> paint(g, panels, title));
    }

    private static final int PANEL = 260;
    private static final int BAR = 86;
    private static final int ROW = 272;
    private static final int TOP = 64;
    private static final int WIDTH = PANEL + BAR + 2 * PANEL + BAR + 10;

    /**
     * One row per topology: W (its own colour bar: weights from 0), then the measured covariance and the random walk
     * at the fitted γ on one shared colour bar from 0 (or from the lowest entry if one is negative), so the two can
     * be compared by colour. Viridis: perceptually uniform and readable with colour-blindness.
     */
    private static void paint(Graphics2D g, List<CovarianceStudy.Panel> panels, String title) {
        g.setColor(Color.BLACK);
        g.setFont(new Font("SansSerif", Font.BOLD, 14));
        g.drawString(title, 10, 24);
        g.setFont(new Font("SansSerif", Font.PLAIN, 11));
        g.drawString("Each row one topology. Colour scales start at 0: W on its own bar; the measured and the random-walk "
                + "covariance share the bar on the right.", 10, 44);
        for (int t = 0; t < panels.size(); t++) {
            CovarianceStudy.Panel p = panels.get(t);
            int y = TOP + t * ROW;
            double[] wRange = {Math.min(0, min(p.gossip())), max(p.gossip())};
            double[] cRange = {Math.min(0, Math.min(min(p.measured()), min(p.model()))), Math.max(max(p.measured()), max(p.model()))};
            heatmap(p.label() + ": W", p.gossip(), wRange).draw(g, new Rectangle2D.Double(0, y, PANEL, PANEL));
            colourBar(g, PANEL + 8, y + 28, PANEL - 70, wRange, "weight");
            heatmap(String.format(Locale.ROOT, "measured (lr %s)", Csv.number(p.learningRate())), p.measured(), cRange)
                    .draw(g, new Rectangle2D.Double(PANEL + BAR, y, PANEL, PANEL));
            heatmap(String.format(Locale.ROOT, "random walk, γ = %.3f, n_W = %.1f", p.fit().gamma(), p.neighbors()), p.model(),
                    cRange).draw(g, new Rectangle2D.Double(2 * PANEL + BAR, y, PANEL, PANEL));
            colourBar(g, 3 * PANEL + BAR + 8, y + 28, PANEL - 70, cRange, "normalised covariance");
        }
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return java.util.Arrays.stream(v).max().orElse(1);
    }

    private static JFreeChart heatmap(String title, double[] m, double[] range) {
        int n = (int) Math.round(Math.sqrt(m.length));
        double[][] xyz = new double[3][m.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int k = i * n + j;
                xyz[0][k] = j;
                xyz[1][k] = i;
                xyz[2][k] = m[k];
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(title, xyz);
        XYBlockRenderer r = new XYBlockRenderer();
        r.setPaintScale(new Viridis(range[0], range[1]));
        NumberAxis x = Chart.numberAxis("worker j");
        NumberAxis y = Chart.numberAxis("worker i");
        x.setRange(-0.5, n - 0.5);
        y.setRange(-0.5, n - 0.5);
        y.setInverted(true);
        for (NumberAxis a : new NumberAxis[] {x, y}) {
            a.setLabelFont(new Font("SansSerif", Font.PLAIN, 10));
            a.setTickLabelFont(new Font("SansSerif", Font.PLAIN, 9));
            a.setTickUnit((NumberTickUnit) new Chart.RootTickUnits().getCeilingTickUnit(n / 5.0), false, false);
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 11), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** A vertical colour bar for [lo, hi] with 4 to 8 labelled ticks and the quantity's name. */
    private static void colourBar(Graphics2D g, double x, double y, double height, double[] range, String name) {
        double lo = range[0];
        double hi = range[1] > lo ? range[1] : lo + 1;
        Viridis scale = new Viridis(lo, hi);
        int slices = 128;
        double w = 12;
        for (int s = 0; s < slices; s++) {
            double v = lo + (hi - lo) * (s + 0.5) / slices;
            g.setPaint(scale.getPaint(v));
            g.fill(new Rectangle2D.Double(x, y + height * (slices - s - 1) / slices, w, height / slices + 0.5));
        }
        g.setPaint(Color.DARK_GRAY);
        g.draw(new Rectangle2D.Double(x, y, w, height));
        NumberTickUnit unit = (NumberTickUnit) new Chart.RootTickUnits().getCeilingTickUnit((hi - lo) / 8);
        g.setFont(new Font("SansSerif", Font.PLAIN, 9));
        for (double v = Math.ceil(lo / unit.getSize() - 1e-9) * unit.getSize(); v <= hi + 1e-9 * unit.getSize(); v += unit.getSize()) {
            double ty = y + height * (hi - v) / (hi - lo);
            g.draw(new java.awt.geom.Line2D.Double(x + w, ty, x + w + 3, ty));
            g.drawString(unit.valueToString(Math.abs(v) < 1e-12 ? 0 : v), (float) (x + w + 5), (float) (ty + 3));
        }
        java.awt.geom.AffineTransform saved = g.getTransform();
        g.translate(x + w + 44, y + height / 2);
        g.rotate(-Math.PI / 2);
        g.setFont(new Font("SansSerif", Font.PLAIN, 10));
        g.drawString(name, -g.getFontMetrics().stringWidth(name) / 2f, 0);
        g.setTransform(saved);
    }

    /**
     * The viridis colour map (matplotlib's, by van der Walt and Smith, public domain), at 16 evenly spaced samples
     * interpolated linearly: perceptually uniform, monotone in lightness, readable with colour-blindness.
     */
    static final class Viridis implements PaintScale {
        private static final int[] SAMPLES = {0x440154, 0x481a6c, 0x472f7d, 0x414487, 0x39568c, 0x31688e, 0x2a788e, 0x23888e,
            0x1f988b, 0x22a884, 0x35b779, 0x54c568, 0x7ad151, 0xa5db36, 0xd2e21b, 0xfde725};

        private final double lo;
        private final double hi;

        Viridis(double lo, double hi) {
            this.lo = lo;
            this.hi = hi > lo ? hi : lo + 1;
        }

        @Override
        public double getLowerBound() {
            return lo;
        }

        @Override
        public double getUpperBound() {
            return hi;
        }

        @Override
        public Paint getPaint(double value) {
            return colour(Math.max(0, Math.min(1, (value - lo) / (hi - lo))));
        }

        /** The colour at f in [0, 1]. */
        static Color colour(double f) {
            double pos = f * (SAMPLES.length - 1);
            int i = Math.min(SAMPLES.length - 2, (int) Math.floor(pos));
            double t = pos - i;
            int a = SAMPLES[i];
            int b = SAMPLES[i + 1];
            return new Color(mix(a >> 16, b >> 16, t), mix(a >> 8, b >> 8, t), mix(a, b, t));
        }

        private static int mix(int a, int b, double t) {
            return (int) Math.round((a & 0xff) * (1 - t) + (b & 0xff) * t);
        }
    }
}
