package org.tidl.cli;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.tidl.api.GossipScheme;
import org.tidl.core.io.Csv;
import org.tidl.core.io.CsvReader;
import org.tidl.core.linalg.Dense;
import org.tidl.core.theory.EffectiveNeighbors;
import org.tidl.core.theory.NeighborsMode;
import org.tidl.core.theory.RandomWalkCovariance;

/**
 * Fig. 5: the measured covariance between workers (the covariance experiment: repetitions of a few steps from
 * one checkpoint, see {@code Trainer}) against the random-walk covariance Σ(γ) at the γ fitted to it, as
 * heatmaps: row 1 the gossip matrix W, row 2 the measured covariance, row 3 Σ(γ). The paper's fit is not in
 * its code; ours (digest A.5's suggestion): scale both to unit mean diagonal and pick γ minimising the
 * Frobenius distance (grid in −log10(1−γ), then golden section).
 */
final class DlCovariance implements Figure {

    private final boolean fashion;

    DlCovariance(boolean fashion) {
        this.fashion = fashion;
    }

    @Override public String name() { return fashion ? "fig5-fashion" : "fig5"; }

    @Override
    public String description() {
        return (fashion ? "Fashion-MNIST" : "CIFAR-10") + ": measured worker covariance vs random-walk covariance at the fitted gamma (runs experiments)";
    }

    @Override
    public int work(boolean quick) {
        return DlResults.work(List.of(DlResults.experimentName(fashion, "covariance", quick)));
    }

    /** The fitted γ, and the relative Frobenius residual ‖Ĉ − Σ̂(γ)‖ / ‖Ĉ‖. */
    record Fit(double gamma, double residual) { }

    @Override
    public void make(Job job) {
        String exp = DlResults.experimentName(fashion, "covariance", job.quick);
        List<Map<String, String>> runs = DlResults.runs(job, exp);
        Path dir = job.dir.resolve(exp);
        Map<Integer, List<Map<String, String>>> byCell = new LinkedHashMap<>();
        for (Map<String, String> r : CsvReader.read(dir.resolve("covariances.csv"))) {
            byCell.computeIfAbsent(Integer.parseInt(r.get("cell")), k -> new ArrayList<>()).add(r);
        }
        Csv fits = new Csv("topology", "spec", "workers", "learning_rate", "fitted_gamma", "n_w_at_fitted_gamma",
                "relative_residual");
        Csv matrices = new Csv("topology", "matrix", "i", "j", "value");
        List<double[]> panels = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (Map<String, String> run : runs) {
            List<Map<String, String>> cov = byCell.get(Integer.parseInt(run.get("cell")));
            if (cov == null || Boolean.parseBoolean(run.get("diverged"))) {
                continue;
            }
            String spec = run.get("topology");
            int n = Integer.parseInt(run.get("workers"));
            String label = DlResults.label(spec, n);
            double[] c = new double[n * n];
            for (Map<String, String> r : cov) {
                c[Integer.parseInt(r.get("i")) * n + Integer.parseInt(r.get("j"))] = CsvReader.number(r.get("covariance"));
            }
            GossipScheme scheme = job.ctx.topologies().build(spec, n).scheme();
            RandomWalkCovariance prepared = RandomWalkCovariance.lyapunov(scheme);
            double[] measured = unitMeanDiagonal(c, n);
            Fit fit = fit(measured, prepared, n);
            double[] model = unitMeanDiagonal(RandomWalkCovariance.matrixOf(prepared, fit.gamma()), n);
            double nw = EffectiveNeighbors.of(scheme).at(fit.gamma(), NeighborsMode.MEAN);
            fits.add(label, spec, n, CsvReader.number(run.get("learning_rate")), fit.gamma(), nw, fit.residual());
            double[] w = Dense.of(scheme.matrix(0));
            String[] kinds = {"gossip", "measured", "random_walk"};
            double[][] mats = {w, measured, model};
            for (int k = 0; k < 3; k++) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        matrices.add(label, kinds[k], i, j, mats[k][i * n + j]);
                    }
                }
                panels.add(mats[k]);
            }
            titles.add(label);
            titles.add(String.format(Locale.ROOT, "measured (lr %s)", Csv.number(CsvReader.number(run.get("learning_rate")))));
            titles.add(String.format(Locale.ROOT, "random walk, γ = %.3f, n_W = %.1f", fit.gamma(), nw));
            job.report(String.format(Locale.ROOT, "%s: %-22s fitted gamma %.4f, n_W %.2f, relative residual %.3f", name(), label,
                    fit.gamma(), nw, fit.residual()));
        }
        job.csv(name() + ".csv", fits);
        job.csv(name() + "-matrices.csv", matrices);
        savePng(job, panels, titles, String.format(Locale.ROOT, "Fig. 5 (%s%s): covariance between workers, measured (row 2) vs random walk at the fitted γ (row 3); row 1: W",
                fashion ? "Fashion-MNIST MLP" : "CIFAR-10 VGG-11", job.quick ? ", quick" : ""));
    }

    static double[] unitMeanDiagonal(double[] a, int n) {
        double d = 0;
        for (int i = 0; i < n; i++) {
            d += a[i * n + i];
        }
        d /= n;
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] / d;
        }
        return out;
    }

    /** γ minimising ‖Ĉ − Σ̂(γ)‖_F, both at unit mean diagonal; searched in u = −log10(1 − γ) ∈ [0, 5]. */
    static Fit fit(double[] measured, RandomWalkCovariance prepared, int n) {
        java.util.function.DoubleUnaryOperator f = u -> distance(measured,
                unitMeanDiagonal(RandomWalkCovariance.matrixOf(prepared, 1 - Math.pow(10, -u)), n));
        int k = 100;
        double bestU = 0;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= k; i++) {
            double u = 5.0 * i / k;
            double v = f.applyAsDouble(u);
            if (v < best) {
                best = v;
                bestU = u;
            }
        }
        double u = org.tidl.core.linalg.GoldenSection.minimize(f, Math.max(0, bestU - 0.05), Math.min(5, bestU + 0.05), 40);
        return new Fit(1 - Math.pow(10, -u), Math.sqrt(f.applyAsDouble(u) / dot(measured, measured)));
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Panels in columns of three (W, measured, random walk), one column per topology, in one PNG. */
    private void savePng(Job job, List<double[]> panels, List<String> titles, String title) {
        // topology t has panels 3t (W), 3t+1 (measured), 3t+2 (random walk)
        int topologies = titles.size() / 3;
        int pw = 300, ph = 300, top = 50;
        BufferedImage img = new BufferedImage(Math.max(1, topologies) * pw, top + 3 * ph, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font("SansSerif", Font.BOLD, 14));
        g.drawString(title, 10, 30);
        for (int t = 0; t < topologies; t++) {
            for (int r = 0; r < 3; r++) {
                double[] m = panels.get(3 * t + r);
                JFreeChart chart = heatmap(r == 0 ? titles.get(3 * t) + ": W" : titles.get(3 * t + r), m, r == 0);
                chart.draw(g, new java.awt.geom.Rectangle2D.Double(t * pw, top + r * ph, pw, ph));
            }
        }
        g.dispose();
        Path p = job.dir.resolve(name() + ".png");
        Csv.writeAtomically(p, out -> javax.imageio.ImageIO.write(img, "png", out));
        job.written.add(p);
    }

    private static JFreeChart heatmap(String title, double[] m, boolean gossip) {
        int n = (int) Math.round(Math.sqrt(m.length));
        double[][] xyz = new double[3][m.length];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int k = i * n + j;
                xyz[0][k] = j;
                xyz[1][k] = i;
                xyz[2][k] = m[k];
                lo = Math.min(lo, m[k]);
                hi = Math.max(hi, m[k]);
            }
        }
        if (gossip) {
            lo = 0;
        }
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(title, xyz);
        LookupPaintScale scale = new LookupPaintScale(lo, hi + 1e-12 * Math.abs(hi), Color.WHITE);
        for (int s = 0; s <= 64; s++) { // white → dark blue
            float f = s / 64f;
            scale.add(lo + (hi - lo) * f, new Color(1 - 0.9f * f, 1 - 0.75f * f, 1 - 0.45f * f));
        }
        XYBlockRenderer r = new XYBlockRenderer();
        r.setPaintScale(scale);
        NumberAxis x = Chart.numberAxis("worker j");
        NumberAxis y = Chart.numberAxis("worker i");
        x.setRange(-0.5, n - 0.5);
        y.setRange(-0.5, n - 0.5);
        y.setInverted(true);
        for (NumberAxis a : new NumberAxis[] {x, y}) {
            a.setLabelFont(new Font("SansSerif", Font.PLAIN, 10));
            a.setTickLabelFont(new Font("SansSerif", Font.PLAIN, 9));
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 11), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        NumberAxis legendAxis = Chart.numberAxis(gossip ? "weight" : "normalised covariance");
        legendAxis.setLabelFont(new Font("SansSerif", Font.PLAIN, 9));
        legendAxis.setTickLabelFont(new Font("SansSerif", Font.PLAIN, 8));
        legendAxis.setRange(lo, hi);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setStripWidth(8);
        legend.setMargin(4, 4, 4, 4);
        chart.addSubtitle(legend);
        return chart;
    }
}
