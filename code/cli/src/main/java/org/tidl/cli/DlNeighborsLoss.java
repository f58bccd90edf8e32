package org.tidl.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tidl.api.GossipScheme;
import org.tidl.core.io.Csv;
import org.tidl.core.stats.Spearman;
import org.tidl.core.theory.EffectiveNeighbors;
import org.tidl.core.theory.NeighborsMode;
import org.tidl.core.theory.SpectralGap;

/**
 * Fig. 6: training loss at each topology's best learning rate against n_W(γ = 0.951) (left) and against the
 * spectral gap (right), with Spearman's ρ for both; fully-connected graphs of several sizes (the scaling
 * experiment) as crosses. γ = 0.951 is the paper's value, fitted on CIFAR-10; the paper gives none for
 * Fashion-MNIST, so the Fashion figure uses the same γ (no tuning here). Writes {@code NAME.csv} (the points)
 * and {@code NAME-summary.csv} (correlations and the orderings that verify checks).
 */
final class DlNeighborsLoss implements Figure {

    static final double GAMMA = 0.951;

    /** The paper's ordering (claim D.18): FC < Hypercube < {Two cliques, Torus, TV-exp, Social} < Ring < Binary tree < Star < Solo. */
    private static final Map<String, Integer> LEVEL = new HashMap<>();

    static {
        LEVEL.put("fully-connected", 0);
        LEVEL.put("hypercube", 1);
        for (String s : new String[] {"two-cliques", "time-varying-exponential", "social-network"}) {
            LEVEL.put(s, 2);
        }
        LEVEL.put("ring", 3);
        LEVEL.put("binary-tree", 4);
        LEVEL.put("star", 5);
        LEVEL.put("solo", 6);
    }

    private final boolean fashion;

    DlNeighborsLoss(boolean fashion) {
        this.fashion = fashion;
    }

    @Override public String name() { return fashion ? "fig6-fashion" : "fig6"; }

    @Override
    public String description() {
        return (fashion ? "Fashion-MNIST" : "CIFAR-10") + ": loss at the best lr vs n_W(0.951) and vs spectral gap, Spearman (runs experiments)";
    }

    @Override
    public int work(boolean quick) {
        return DlResults.work(List.of(DlResults.experimentName(fashion, "grid", quick),
                DlResults.experimentName(fashion, "scaling", quick)));
    }

    private record Point(String label, String spec, int workers, String kind, double bestLr, double loss, double nw,
                         double gap, double largestStableLr) { }

    @Override
    public void make(Job job) {
        List<Point> points = new ArrayList<>();
        for (String role : new String[] {"grid", "scaling"}) {
            for (DlResults.Curve c : DlResults.curves(DlResults.runs(job, DlResults.experimentName(fashion, role, job.quick)))) {
                if (c.points().isEmpty()) {
                    continue;
                }
                GossipScheme s = job.ctx.topologies().build(c.topology(), c.workers()).scheme();
                String label = DlResults.label(c.topology(), c.workers());
                points.add(new Point(role.equals("grid") ? label : label + " n=" + c.workers(), c.topology(), c.workers(),
                        role, c.bestLr(), c.bestLoss(), EffectiveNeighbors.of(s).at(GAMMA, NeighborsMode.MEAN), SpectralGap.of(s),
                        c.largestStableLr()));
            }
        }
        Csv csv = new Csv("topology", "spec", "workers", "kind", "best_learning_rate", "train_loss", "n_w_0.951", "spectral_gap");
        for (Point p : points) {
            csv.add(p.label(), p.spec(), p.workers(), p.kind(), p.bestLr(), p.loss(), p.nw(), p.gap());
        }
        job.csv(name() + ".csv", csv);

        List<Point> graphs = points.stream().filter(p -> p.kind().equals("grid")).toList();
        double[] loss = graphs.stream().mapToDouble(Point::loss).toArray();
        double rhoNw = Spearman.rho(loss, graphs.stream().mapToDouble(Point::nw).toArray());
        double rhoGap = Spearman.rho(loss, graphs.stream().mapToDouble(Point::gap).toArray());
        Csv summary = new Csv("quantity", "value", "meaning");
        summary.add("spearman_loss_nw", rhoNw, "Spearman rho(best loss, n_W(0.951)) over the grid's topologies");
        summary.add("spearman_loss_gap", rhoGap, "Spearman rho(best loss, spectral gap) over the grid's topologies");
        summary.add("abs_rho_gap_minus_abs_rho_nw", Math.abs(rhoGap) - Math.abs(rhoNw), "< 0: n_W explains the loss better");
        summary.add("star_minus_ring_loss", of(graphs, "star", Point::loss) - of(graphs, "ring", Point::loss), "> 0: star worse than ring (Fig. 4 caption)");
        summary.add("star_minus_ring_gap", of(graphs, "star", Point::gap) - of(graphs, "ring", Point::gap), "> 0: star has the larger spectral gap");
        summary.add("ordering_violations", violations(graphs), "pairs against FC < Hypercube < {Two cliques, Torus, TV-exp, Social} < Ring < Binary tree < Star < Solo");
        summary.add("solo_minus_worst_other", of(graphs, "solo", Point::loss) - graphs.stream().filter(p -> !p.spec().equals("solo"))
                .mapToDouble(Point::loss).max().orElse(Double.NaN), "> 0: solo is the worst");
        summary.add("best_other_minus_fc", graphs.stream().filter(p -> !p.spec().equals("fully-connected"))
                .mapToDouble(Point::loss).min().orElse(Double.NaN) - of(graphs, "fully-connected", Point::loss), "> 0: fully connected is the best");
        List<Point> fc = new ArrayList<>(points.stream().filter(p -> p.spec().equals("fully-connected")).toList());
        fc.sort(java.util.Comparator.comparingInt(Point::workers));
        int fcViolations = 0;
        for (int i = 1; i < fc.size(); i++) {
            fcViolations += fc.get(i).loss() > fc.get(i - 1).loss() ? 1 : 0;
        }
        double stableFc = of(graphs, "fully-connected", Point::largestStableLr);
        double stableBest = graphs.stream().filter(p -> p.spec().equals("hypercube") || p.spec().startsWith("circulant:"))
                .mapToDouble(Point::largestStableLr).max().orElse(Double.NaN);
        summary.add("stable_lr_ratio_best_graph_fc", stableBest / stableFc,
                "largest non-diverged lr of hypercube/torus over that of fully connected (Fig. 4: about the same)");
        summary.add("fc_scaling_violations", fcViolations, "fully connected: times a larger n has a larger loss");
        job.csv(name() + "-summary.csv", summary);

        String data = fashion ? "Fashion-MNIST MLP" : "CIFAR-10 VGG-11";
        String q = job.quick ? ", quick" : "";
        int n = graphs.isEmpty() ? 0 : graphs.get(0).workers();
        Chart left = new Chart("Fig. 6 (" + data + q + "): loss at the best learning rate vs effective neighbours",
                "n_W(γ = 0.951)", "training loss").xRange(0.8, Math.max(n, 2) * 1.05)
                .note(String.format(Locale.ROOT, "Spearman rho(loss, n_W) = %.3f   (vs spectral gap: %.3f)", rhoNw, rhoGap));
        Chart right = new Chart("Fig. 6 (" + data + q + "): loss at the best learning rate vs spectral gap",
                "spectral gap", "training loss").xRange(-0.02, 1.02)
                .note(String.format(Locale.ROOT, "Spearman rho(loss, spectral gap) = %.3f   (vs n_W: %.3f)", rhoGap, rhoNw));
        int color = 0;
        for (Point p : points) {
            boolean scaling = p.kind().equals("scaling");
            Chart.Style style = scaling ? Chart.Style.CROSSES : Chart.Style.POINTS;
            int c = scaling ? 7 : color++;
            left.add(p.label(), new double[] {p.nw()}, new double[] {p.loss()}, c, style);
            right.add(p.label(), new double[] {p.gap()}, new double[] {p.loss()}, c, style);
        }
        job.png(name() + "-left.png", left);
        job.png(name() + "-right.png", right);
        job.report(String.format(Locale.ROOT, "%s: Spearman rho(loss, n_W(0.951)) = %.3f, rho(loss, spectral gap) = %.3f (paper, CIFAR-10: -0.976 and -0.64)",
                name(), rhoNw, rhoGap));
    }

    /** A quantity of the point of one topology spec (NaN when the grid lacks it). */
    private static double of(List<Point> ps, String spec, java.util.function.ToDoubleFunction<Point> quantity) {
        return ps.stream().filter(p -> p.spec().equals(spec)).mapToDouble(quantity).findFirst().orElse(Double.NaN);
    }

    static int violations(List<Point> ps) {
        int v = 0;
        for (Point a : ps) {
            for (Point b : ps) {
                Integer la = level(a.spec());
                Integer lb = level(b.spec());
                if (la != null && lb != null && la < lb && a.loss() > b.loss()) {
                    v++;
                }
            }
        }
        return v;
    }

    private static Integer level(String spec) {
        return spec.startsWith("circulant:") ? Integer.valueOf(2) : LEVEL.get(spec);
    }
}
