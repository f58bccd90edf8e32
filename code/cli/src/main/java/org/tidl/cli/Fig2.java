package org.tidl.cli;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.tidl.core.io.Csv;
import org.tidl.core.theory.EffectiveNeighbors;
import org.tidl.core.theory.NeighborsMode;

/**
 * Figure 2: effective number of neighbours n_W(γ) (mean mode, Definition 1 / Eq. 6) against γ for n = 32, on the
 * paper's axis: uniform in −log10(1−γ), labelled 0, 0.9, 0.99, 0.999, 0.9999. Torus (4x8) and hypercube are
 * extra curves.
 */
final class Fig2 implements Figure {

    private record Curve(String label, String spec, String paperCurve) { }

    static final List<Curve> CURVES = List.of(
            new Curve("Fully connected", "fully-connected", null),
            new Curve("Two cliques", "two-cliques", "Two cliques"),
            new Curve("Time-varying exponential", "time-varying-exponential", "Time-varying exponential"),
            new Curve("Ring", "ring", "Ring"),
            new Curve("Alone", "solo", null),
            new Curve("Torus (4x8)", "circulant:offsets=1,8", null),
            new Curve("Hypercube", "hypercube", null));

    @Override public String name() { return "fig2"; }
    @Override public String description() { return "Fig. 2: effective number of neighbours n_W(gamma) vs gamma, n = 32"; }
    @Override public int work(boolean quick) { return CURVES.size(); }

    /** γ = 1 − logspace(0, −4, 100), plus the values the paper quotes. */
    static double[] gammas() {
        TreeSet<Double> g = new TreeSet<>();
        for (double v : Figure.logspace(0, -4, 100)) {
            g.add(1 - v);
        }
        for (double v : new double[] {0.5, 0.9, 0.951, 0.99, 0.999, 0.9999}) {
            g.add(v);
        }
        return g.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public void make(Job job) {
        double[] gammas = gammas();
        double[] x = new double[gammas.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = -Math.log10(1 - gammas[i]);
        }
        Csv csv = new Csv("curve", "topology", "workers", "gamma", "n_w", "paper_n_w");
        Chart chart = new Chart("Effective number of neighbours (n = 32)", "gamma (axis uniform in -log10(1 - gamma))",
                "Effective number of neighbours n_W(gamma)")
                .xRange(0, 4.05).yRange(0, 33).xTicks(1, new GammaFormat());
        int color = 0;
        for (Curve c : CURVES) {
            EffectiveNeighbors nw = EffectiveNeighbors.of(job.ctx.topologies().build(c.spec(), 32).scheme());
            double[] y = new double[gammas.length];
            for (int i = 0; i < gammas.length; i++) {
                y[i] = nw.at(gammas[i], NeighborsMode.MEAN);
                double paper = c.paperCurve() == null ? Double.NaN : paperAt(job.paper, c.paperCurve(), gammas[i]);
                csv.add(c.label(), c.spec(), 32, gammas[i], y[i], paper);
            }
            chart.add(c.label(), x, y, color, Chart.Style.SOLID);
            if (c.paperCurve() != null) {
                List<double[]> pts = job.paper.curve("fig2", c.paperCurve());
                double[] px = new double[pts.size()];
                double[] py = new double[pts.size()];
                for (int i = 0; i < px.length; i++) {
                    px[i] = -Math.log10(1 - pts.get(i)[0]);
                    py[i] = pts.get(i)[1];
                }
                if (px.length > 0) {
                    chart.add(c.label() + ", paper (digitised)", px, py, color, Chart.Style.DASHED);
                }
            }
            job.progress.advance(1);
            color++;
        }
        chart.note("Solid: Eq. 6 / Lyapunov (mean over workers). Dashed: the paper. Torus (4x8) = circulant C_32(1, 8) as the paper's code.");
        job.csv("fig2.csv", csv);
        job.png("fig2.png", chart);
    }

    /** The digitised n_W at γ, linearly interpolated in −log10(1−γ) between the two nearest points. */
    private static double paperAt(PaperData paper, String curve, double gamma) {
        double x = -Math.log10(1 - gamma);
        double[] below = null;
        double[] above = null;
        for (double[] p : paper.curve("fig2", curve)) {
            double px = -Math.log10(1 - p[0]);
            if (px <= x && (below == null || px > below[0])) {
                below = new double[] {px, p[1]};
            }
            if (px >= x && (above == null || px < above[0])) {
                above = new double[] {px, p[1]};
            }
        }
        if (below == null || above == null || above[0] - below[0] > 0.2) {
            return Double.NaN;
        }
        if (above[0] == below[0]) {
            return below[1];
        }
        return below[1] + (above[1] - below[1]) * (x - below[0]) / (above[0] - below[0]);
    }

    /** Writes axis value v = −log10(1−γ) as γ: 0, 0.9, 0.99, ... */
    static final class GammaFormat extends NumberFormat {
        @Override
        public StringBuffer format(double v, StringBuffer sb, FieldPosition pos) {
            long k = Math.round(v);
            if (Math.abs(v - k) > 1e-9 || k < 0) {
                return sb.append(String.format(Locale.ROOT, "%.4g", 1 - Math.pow(10, -v)));
            }
            return sb.append(k == 0 ? "0" : "0." + "9".repeat((int) k));
        }

        @Override
        public StringBuffer format(long v, StringBuffer sb, FieldPosition pos) {
            return format((double) v, sb, pos);
        }

        @Override
        public Number parse(String s, ParsePosition pos) {
            return null;
        }
    }
}
