package org.tidl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tidl.core.io.Csv;
import org.tidl.core.linalg.Dense;
import org.tidl.core.theory.LearningRateBound;

/**
 * Figure 3: the largest learning rate Theorem 6 (Eq. 25) allows, against n_W(γ), L = 1, ζ = 2000, n = 32.
 * Implemented as printed: ω = 1/n_W(γ), noise term 1/(4[(n_W⁻¹ + ω)ζ + L]), consensus term β(γ)ω/L with β from
 * Eq. 33 — on the lazy W′ = (I+W)/2, because β ≤ 0 for every non-lazy graph here (digest F.3); n_W is that of
 * W′. The published figure was drawn from another version of the theorem and sits about 4× higher; we overlay
 * it and print the ratio instead of rescaling anything.
 */
final class Fig3 implements Figure {

    static final double ZETA = 2000;
    static final double L = 1;

    private record Curve(String label, String spec, String paperCurve) { }

    static final List<Curve> CURVES = List.of(
            new Curve("Ring", "ring", "right_ring"),
            new Curve("Torus (4x8)", "circulant:offsets=1,8", "right_torus4x8"),
            new Curve("Hypercube", "hypercube", "right_hypercube"));

    @Override public String name() { return "fig3"; }
    @Override public String description() { return "Fig. 3: learning rate allowed by Theorem 6 vs n_W(gamma), L = 1, zeta = 2000"; }
    @Override public int work(boolean quick) { return CURVES.size(); }

    static double[] gammas(boolean quick) {
        double[] v = Figure.logspace(0, -5, quick ? 150 : 500);
        double[] g = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            g[i] = 1 - v[i];
        }
        return g;
    }

    @Override
    public void make(Job job) {
        double[] gammas = gammas(job.quick);
        Csv csv = new Csv("topology", "spec", "workers", "matrix", "gamma", "n_w", "beta", "omega", "zeta", "L",
                "eta_noise", "eta_consensus", "eta", "beta_rule");
        Csv kinks = new Csv("topology", "kink_n_w", "kink_eta", "paper_kink_n_w", "paper_kink_eta", "paper_over_ours",
                "noise_eta_at_paper_kink", "paper_noise_over_ours");
        Chart leftChart = new Chart("Theorem 6 learning rate, 32-ring (L = 1, zeta = 2000)",
                "Effective number of neighbours n_W(gamma)", "Learning rate given by Theorem 6");
        Chart rightChart = new Chart("Theorem 6 learning rate by topology (L = 1, zeta = 2000)",
                "Effective number of neighbours n_W(gamma)", "Learning rate given by Theorem 6");
        StringBuilder ratios = new StringBuilder();
        int color = 0;
        for (Curve c : CURVES) {
            double[] w = LearningRateBound.lazy(Dense.of(job.ctx.topologies().build(c.spec(), 32).scheme().matrix(0)), 32);
            LearningRateBound bound = new LearningRateBound(w, 32, ZETA, L);
            List<double[]> noise = new ArrayList<>();
            List<double[]> consensus = new ArrayList<>();
            List<double[]> both = new ArrayList<>();
            double[] kink = {Double.NaN, 0};
            for (double g : gammas) {
                LearningRateBound.Point p = bound.at(g);
                csv.add(c.label(), c.spec(), 32, "lazy (I+W)/2", g, p.neighbors(), p.beta(), p.omega(), ZETA, L, p.noise(),
                        p.consensus(), p.learningRate(), "Eq. 33 on W' = (I+W)/2; omega = 1/n_W");
                noise.add(new double[] {p.neighbors(), p.noise()});
                consensus.add(new double[] {p.neighbors(), p.consensus()});
                both.add(new double[] {p.neighbors(), p.learningRate()});
                if (p.learningRate() > kink[1]) {
                    kink = new double[] {p.neighbors(), p.learningRate()};
                }
            }
            double[] paperKink = job.paper.maxPoint("fig3", c.paperCurve());
            double ratio = paperKink == null ? Double.NaN : paperKink[1] / kink[1];
            double noiseAtPaperKink = paperKink == null ? Double.NaN : LearningRateBound.noiseTerm(paperKink[0], ZETA, L);
            kinks.add(c.label(), kink[0], kink[1], paperKink == null ? null : paperKink[0],
                    paperKink == null ? null : paperKink[1], ratio, noiseAtPaperKink,
                    paperKink == null ? null : paperKink[1] / noiseAtPaperKink);
            job.report(String.format(Locale.ROOT, "fig3 %-12s Theorem 6 kink n_W %.2f, lr %.3g; paper %s; paper/ours %.2f",
                    c.label(), kink[0], kink[1],
                    paperKink == null ? "-" : String.format(Locale.ROOT, "n_W %.2f, lr %.3g", paperKink[0], paperKink[1]), ratio));
            ratios.append(String.format(Locale.ROOT, "%s%s %.1fx", ratios.length() == 0 ? "" : ", ", c.label(), ratio));
            if (c.label().equals("Ring")) {
                leftChart.add("Restricted by noise (Eq. 25, 2nd term)", noise, 0, Chart.Style.DOTTED);
                leftChart.add("Restricted by consensus (Eq. 25, 1st term)", consensus, 1, Chart.Style.DOTTED);
                leftChart.add("Theorem 6: min of both", both, 2, Chart.Style.SOLID);
                leftChart.add("Paper: noise branch (digitised)", job.paper.curve("fig3", "left_ring_noise_branch_full"), 0,
                        Chart.Style.DASHED);
                leftChart.add("Paper: consensus branch (digitised)",
                        job.paper.curve("fig3", "left_ring_consensus_branch_full"), 1, Chart.Style.DASHED);
            }
            rightChart.add(c.label(), both, color, Chart.Style.SOLID);
            rightChart.add(c.label() + ", paper (digitised)", job.paper.curve("fig3", c.paperCurve()), color, Chart.Style.DASHED);
            color++;
            job.progress.advance(1);
        }
        String note = "Eq. 25 as printed, omega = 1/n_W, beta from Eq. 33 on W' = (I+W)/2. Paper/ours at the kink: " + ratios;
        leftChart.xRange(2, 32).yRange(0, 0.006).note(note);
        rightChart.xRange(2, 32).yRange(0, 0.010).note(note);
        job.csv("fig3.csv", csv);
        job.csv("fig3-kinks.csv", kinks);
        job.png("fig3-left.png", leftChart);
        job.png("fig3-right.png", rightChart);
    }
}
