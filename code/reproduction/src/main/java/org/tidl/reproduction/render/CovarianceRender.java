package org.tidl.reproduction.render;

import static org.tidl.reproduction.table.Column.number;
import static org.tidl.reproduction.table.Column.text;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.tidl.core.io.Csv;
import org.tidl.reproduction.dl.CovarianceStudy;
import org.tidl.reproduction.table.Schema;
import org.tidl.reproduction.table.Table;
import org.tidl.reproduction.table.TableOutput;

/**
 * Fig. 5 as {@code NAME.csv} (the fitted γ per topology), {@code NAME-matrices.csv} (every entry of W, the measured
 * and the random-walk covariance) and {@code NAME.png}: heatmaps in columns of three per topology (row 1 W, row 2
 * measured, row 3 Σ(γ)).
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
        String title = String.format(Locale.ROOT, "Fig. 5 (%s%s): covariance between workers, measured (row 2) vs random walk at the fitted γ (row 3); row 1: W",
                LossGridRender.data(r.config().dataset()), r.config().quick() ? ", quick" : "");
        BufferedImage img = panels(r.panels(), title);
        out.png("", o -> javax.imageio.ImageIO.write(img, "png", o));
    }

    /** Panels in columns of three (W, measured, random walk), one column per topology, in one picture. */
    private static BufferedImage panels(List<CovarianceStudy.Panel> panels, String title) {
        int pw = 300;
        int ph = 300;
        int top = 50;
        BufferedImage img = new BufferedImage(Math.max(1, panels.size()) * pw, top + 3 * ph, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font("SansSerif", Font.BOLD, 14));
        g.drawString(title, 10, 30);
        for (int t = 0; t < panels.size(); t++) {
            CovarianceStudy.Panel p = panels.get(t);
            String[] titles = {p.label() + ": W",
                String.format(Locale.ROOT, "measured (lr %s)", Csv.number(p.learningRate())),
                String.format(Locale.ROOT, "random walk, γ = %.3f, n_W = %.1f", p.fit().gamma(), p.neighbors())};
            double[][] mats = {p.gossip(), p.measured(), p.model()};
            for (int row = 0; row < 3; row++) {
                JFreeChart chart = heatmap(titles[row], mats[row], row == 0);
                chart.draw(g, new java.awt.geom.Rectangle2D.Double(t * pw, top + row * ph, pw, ph));
            }
        }
        g.dispose();
        return img;
    }

    private static JFreeChart heatmap(String title, double[] m, boolean gossip) {
        int n = (int) Math.round(Math.sqrt(m.length));
        double[][] xyz = new double[3][m.length];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
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
