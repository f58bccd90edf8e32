package org.tidl.reproduction.render;

import static org.tidl.reproduction.table.Column.number;
import static org.tidl.reproduction.table.Column.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tidl.core.theory.LearningRateBound;
import org.tidl.reproduction.PaperTopology;
import org.tidl.reproduction.paper.Fig3Study;
import org.tidl.reproduction.table.Schema;
import org.tidl.reproduction.table.Table;
import org.tidl.reproduction.table.TableOutput;

/**
 * Fig. 3 as {@code NAME.csv} (Theorem 6 at every γ), {@code NAME-kinks.csv} (ours against the paper's kink),
 * {@code NAME-left.png} (the ring's two branches) and {@code NAME-right.png} (by topology).
 */
public final class Fig3Render implements Renderer<Fig3Study.Result> {

    public static final TableOutput CURVES = new TableOutput("", Schema.of(text("topology"), text("spec"),
            number("workers"), text("matrix"), number("gamma"), number("n_w"), number("beta"), number("omega"),
            number("zeta"), number("L"), number("eta_noise"), number("eta_consensus"), number("eta"), text("beta_rule")));

    public static final TableOutput KINKS = new TableOutput("-kinks", Schema.of(text("topology"), number("kink_n_w"),
            number("kink_eta"), number("paper_kink_n_w"), number("paper_kink_eta"), number("paper_over_ours"),
            number("noise_eta_at_paper_kink"), number("paper_noise_over_ours")));

    @Override
    public List<TableOutput> tables() {
        return List.of(CURVES, KINKS);
    }

    @Override
    public void render(Fig3Study.Result r, FigureOutput out) {
        Fig3Study.Config c = r.config();
        Table csv = CURVES.schema().table();
        Table kinks = KINKS.schema().table();
        Chart leftChart = new Chart("Theorem 6 learning rate, 32-ring (L = 1, zeta = 2000)",
                "Effective number of neighbours n_W(gamma)", "Learning rate given by Theorem 6");
        Chart rightChart = new Chart("Theorem 6 learning rate by topology (L = 1, zeta = 2000)",
                "Effective number of neighbours n_W(gamma)", "Learning rate given by Theorem 6");
        StringBuilder ratios = new StringBuilder();
        String ringRatio = "";
        int color = 0;
        for (int k = 0; k < r.curves().size(); k++) {
            Fig3Study.CurveResult cr = r.curves().get(k);
            Fig3Study.Curve curve = cr.curve();
            List<double[]> noise = new ArrayList<>();
            List<double[]> consensus = new ArrayList<>();
            List<double[]> both = new ArrayList<>();
            for (LearningRateBound.Point p : cr.points()) {
                csv.add(curve.label(), curve.spec(), c.workers(), "lazy (I+W)/2", p.gamma(), p.neighbors(), p.beta(),
                        p.omega(), c.zeta(), c.smoothness(), p.noise(), p.consensus(), p.learningRate(),
                        "Eq. 33 on W' = (I+W)/2; omega = 1/n_W");
                noise.add(new double[] {p.neighbors(), p.noise()});
                consensus.add(new double[] {p.neighbors(), p.consensus()});
                both.add(new double[] {p.neighbors(), p.learningRate()});
            }
            double[] kink = cr.kink();
            double[] paperKink = cr.paperKink();
            double ratio = cr.paperOverOurs();
            kinks.add(curve.label(), kink[0], kink[1], paperKink == null ? null : paperKink[0],
                    paperKink == null ? null : paperKink[1], ratio, cr.noiseAtPaperKink(),
                    paperKink == null ? null : paperKink[1] / cr.noiseAtPaperKink());
            out.report(String.format(Locale.ROOT, "fig3 %-12s Theorem 6 kink n_W %.2f, lr %.3g; paper %s; paper/ours %.2f",
                    curve.label(), kink[0], kink[1],
                    paperKink == null ? "-" : String.format(Locale.ROOT, "n_W %.2f, lr %.3g", paperKink[0], paperKink[1]), ratio));
            ratios.append(String.format(Locale.ROOT, "%s%s %.1fx", ratios.length() == 0 ? "" : ", ", curve.label(), ratio));
            if (curve.label().equals(PaperTopology.RING.label())) {
                leftChart.add("Restricted by noise (Eq. 25, 2nd term)", noise, 0, Chart.Style.DOTTED);
                leftChart.add("Restricted by consensus (Eq. 25, 1st term)", consensus, 1, Chart.Style.DOTTED);
                leftChart.add("Theorem 6: min of both", both, 2, Chart.Style.SOLID);
                leftChart.add("Paper: noise branch (digitised)", r.paperRingNoise(), 0, Chart.Style.DASHED);
                leftChart.add("Paper: consensus branch (digitised)", r.paperRingConsensus(), 1, Chart.Style.DASHED);
                ringRatio = String.format(Locale.ROOT, "%.1fx", ratio);
            }
            // the curves share the noise branch (it depends on n_W only): the first drawn on top, narrow over wide,
            // so where they run together each shows as a band
            float width = 1.4f + 1.4f * k;
            rightChart.add(curve.label(), both, color, Chart.Style.SOLID, Chart.solid(width));
            rightChart.add(curve.label() + ", paper (digitised)", r.paperCurves().get(k), color, Chart.Style.DASHED,
                    Chart.dashed(width));
            color++;
        }
        String rule = "Eq. 25 as printed, omega = 1/n_W, beta from Eq. 33 on W' = (I+W)/2.";
        leftChart.xRange(2, 32).yRange(0, 0.006).note(rule + " Paper/ours at the kink: " + ringRatio);
        rightChart.xRange(2, 32).yRange(0, 0.010).note(rule + " Paper/ours at the kink: " + ratios)
                .note("Where curves run together (the noise branch is the same for every topology) they are drawn narrow"
                        + " over wide, in legend order.");
        out.table(CURVES, csv);
        out.table(KINKS, kinks);
        out.chart("-left", leftChart);
        out.chart("-right", rightChart);
    }
}
