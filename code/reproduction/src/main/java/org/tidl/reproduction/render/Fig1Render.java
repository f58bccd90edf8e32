package org.tidl.reproduction.render;

import static org.tidl.reproduction.table.Column.number;
import static org.tidl.reproduction.table.Column.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tidl.core.quadratic.QuadraticSummary;
import org.tidl.reproduction.paper.Fig1Study;
import org.tidl.reproduction.table.Schema;
import org.tidl.reproduction.table.Table;
import org.tidl.reproduction.table.TableOutput;

/** Fig. 1 as {@code NAME.csv} (every curve at every grid point) and {@code NAME.png}, with the optimum per curve reported. */
public final class Fig1Render implements Renderer<Fig1Study.Result> {

    /** One row per curve and learning rate; {@code workers} is "inf" for the infinite ring. */
    public static final TableOutput TABLE = new TableOutput("", Schema.of(text("curve"), text("topology"), text("workers"),
            number("spectral_gap"), number("zeta"), number("lr"), number("theory_steps"), number("precise_steps"),
            number("expected_steps_with_transient"), number("simulated_steps"), number("simulated_seeds_reached"),
            number("seeds"), number("simulated_rate"), number("simulated_rate_se"), number("paper_steps")));

    @Override
    public List<TableOutput> tables() {
        return List.of(TABLE);
    }

    @Override
    public void render(Fig1Study.Result r, FigureOutput out) {
        Fig1Study.Config c = r.config();
        boolean left = c.panel() == Fig1Study.Panel.LEFT;
        double[] lrs = r.learningRates();
        Table csv = TABLE.schema().table();
        Chart chart = new Chart(left ? "Time to target, D-SGD on the isotropic quadratic (n = 32, zeta = 51)"
                : "Time to target for rings of increasing size (zeta = 51)",
                "Learning rate", "Steps until loss < 0.01")
                .logX().logY().xRange(1e-3, 1).yRange(5, 5000);
        StyleLegend legend = new StyleLegend(chart)
                .style(Chart.Style.SOLID, left ? "Eq. 7" : "Eq. 7 (infinite ring: Eq. 8 spectral integral)")
                .style(Chart.Style.DOTTED, "exact expected time from identical starts, with the transient")
                .style(Chart.Style.POINTS, "simulated (median of " + c.seeds() + " seeds)")
                .style(Chart.Style.DASHED, "the paper, digitised");
        List<String> mismatches = new ArrayList<>();
        int color = 0;
        for (Fig1Study.CurveResult cr : r.curves()) {
            Fig1Study.Curve curve = cr.curve();
            String label = left ? curve.label() : curve.label() + " (spectral gap " + gapLabel(cr.spectralGap()) + ")";
            List<double[]> simPoints = new ArrayList<>();
            for (int k = 0; k < lrs.length; k++) {
                QuadraticSummary s = cr.simulated()[k];
                csv.add(label, curve.spec(), curve.workers() == 0 ? "inf" : curve.workers(), cr.spectralGap(), c.zeta(),
                        lrs[k], cr.theorySteps()[k], cr.preciseSteps()[k], cr.expectedSteps()[k],
                        s == null ? null : s.stepsToTarget(), s == null ? null : s.seedsReached(),
                        s == null ? null : s.seeds(), s == null ? null : s.measuredRate(),
                        s == null ? null : s.measuredRateError(), cr.paperSteps()[k]);
                if (s != null && !Double.isNaN(s.stepsToTarget())) {
                    simPoints.add(new double[] {lrs[k], s.stepsToTarget()});
                }
            }
            legend.colour(label, color);
            int eq7 = chart.size();
            String group = curve.label(); // the notes name curves without their spectral gaps
            legend.series(group, lrs, cr.theorySteps(), color, Chart.Style.SOLID, -1);
            legend.series(group, lrs, cr.expectedSteps(), color, Chart.Style.DOTTED, eq7);
            if (!simPoints.isEmpty()) {
                legend.series(group, simPoints, color, Chart.Style.POINTS, -1);
            }
            List<double[]> paperCurve = cr.paperCurve();
            int best = argmin(cr.theorySteps());
            if (!paperCurve.isEmpty()) {
                legend.series(group, paperCurve, color, Chart.Style.DASHED, eq7);
                if (legend.visible(Chart.Style.DASHED).contains(group)) {
                    double[] p = minY(paperCurve);
                    mismatches.add(String.format(Locale.ROOT, "the paper's %s curve (%.1f steps at lr %.3f) is not Eq. 7 (%.1f at %.3f)",
                            curve.label(), p[1], p[0], cr.theorySteps()[best], lrs[best]));
                }
            }
            if (legend.visible(Chart.Style.DOTTED).contains(group)) {
                int e = argmin(cr.expectedSteps());
                mismatches.add(String.format(Locale.ROOT, "the exact expected time of the %s is %.1f steps at lr %.3f",
                        curve.label(), cr.expectedSteps()[e], lrs[e]));
            }
            out.report(String.format(Locale.ROOT, "%s %-26s Eq. 7 optimum %.2f steps at lr %.4f%s", out.name(), label,
                    cr.theorySteps()[best], lrs[best], paperCurve.isEmpty() ? "" : String.format(Locale.ROOT,
                            "; paper %.2f at %.4f", minY(paperCurve)[1], minY(paperCurve)[0])));
            color++;
        }
        legend.apply("Eq. 7");
        if (!mismatches.isEmpty()) {
            String text = String.join("; ", mismatches) + " (docs/theory.md).";
            chart.note(Character.toUpperCase(text.charAt(0)) + text.substring(1));
        }
        out.table(TABLE, csv);
        out.chart("", chart);
    }

    static int argmin(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (!Double.isNaN(v[i]) && (Double.isNaN(v[best]) || v[i] < v[best])) {
                best = i;
            }
        }
        return best;
    }

    static double[] minY(List<double[]> pts) {
        double[] best = pts.get(0);
        for (double[] p : pts) {
            if (p[1] < best[1]) {
                best = p;
            }
        }
        return best;
    }

    static String gapLabel(double gap) {
        if (gap >= 1 - 1e-12) {
            return "1";
        }
        if (gap == 0) {
            return "0";
        }
        return String.format(Locale.ROOT, "%.2f", gap);
    }
}
