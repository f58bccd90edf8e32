package org.tidl.reproduction;

import java.util.List;
import java.util.Optional;
import org.tidl.reproduction.beyond.RegularityStudy;
import org.tidl.reproduction.beyond.TrackingStudy;
import org.tidl.reproduction.dl.CovarianceStudy;
import org.tidl.reproduction.dl.ExperimentConfig;
import org.tidl.reproduction.dl.Experiments;
import org.tidl.reproduction.dl.LossGridStudy;
import org.tidl.reproduction.dl.NeighborsLossStudy;
import org.tidl.reproduction.dl.OptimizerStudy;
import org.tidl.reproduction.paper.Fig1Study;
import org.tidl.reproduction.paper.Fig2Study;
import org.tidl.reproduction.paper.Fig3Study;
import org.tidl.reproduction.paper.RatesStudy;
import org.tidl.reproduction.paper.TopologiesStudy;
import org.tidl.reproduction.render.CovarianceRender;
import org.tidl.reproduction.render.Fig1Render;
import org.tidl.reproduction.render.Fig2Render;
import org.tidl.reproduction.render.Fig3Render;
import org.tidl.reproduction.render.LossGridRender;
import org.tidl.reproduction.render.NeighborsLossRender;
import org.tidl.reproduction.render.OptimizerStudyRender;
import org.tidl.reproduction.render.RatesRender;
import org.tidl.reproduction.render.RegularityRender;
import org.tidl.reproduction.render.TopologiesRender;
import org.tidl.reproduction.render.TrackingRender;

/** Every figure and study {@code ./tidl reproduce} makes, in the order it makes them. */
public final class Reproductions {

    public static final List<Reproduction<?, ?>> ALL = List.of(
            new Reproduction<>("topologies", "table: spectral gap and n_W of the paper's topologies, n = 32 (CSV only)",
                    Dataset.NONE, s -> TopologiesStudy.Config.paper(), new TopologiesStudy(), new TopologiesRender()),
            new Reproduction<>("fig1-left", "Fig. 1 left: time to target vs learning rate, alone / 32-ring / fully connected (zeta = 51)",
                    Dataset.NONE, s -> Fig1Study.Config.paper(Fig1Study.Panel.LEFT, s), new Fig1Study(), new Fig1Render()),
            new Reproduction<>("fig1-right", "Fig. 1 right: time to target vs learning rate for rings of 1, 2, 4, 8 workers and the infinite ring",
                    Dataset.NONE, s -> Fig1Study.Config.paper(Fig1Study.Panel.RIGHT, s), new Fig1Study(), new Fig1Render()),
            new Reproduction<>("fig2", "Fig. 2: effective number of neighbors n_W(gamma) vs gamma, n = 32",
                    Dataset.NONE, s -> Fig2Study.Config.paper(), new Fig2Study(), new Fig2Render()),
            new Reproduction<>("fig3", "Fig. 3: learning rate allowed by Theorem 6 vs n_W(gamma), L = 1, zeta = 2000",
                    Dataset.NONE, Fig3Study.Config::paper, new Fig3Study(), new Fig3Render()),
            new Reproduction<>("rates", "convergence rate vs learning rate, Eq. 7 fixed point and precise, n = 32, zeta = 50",
                    Dataset.NONE, s -> RatesStudy.Config.paper(), new RatesStudy(), new RatesRender()),
            new Reproduction<>("study-regularity", "study: best quadratic rate vs n_W(0.951) and vs spectral gap over Erdos-Renyi and Barabasi-Albert graphs, n = 64",
                    Dataset.NONE, RegularityStudy.Config::paper, new RegularityStudy(), new RegularityRender()),
            new Reproduction<>("study-tracking", "study: D-SGD vs gradient tracking on heterogeneous quadratics, best stationary error vs n_W and vs spectral gap",
                    Dataset.NONE, TrackingStudy.Config::paper, new TrackingStudy(), new TrackingRender()),
            lossGrid(Dataset.FASHION_MNIST), covariance(Dataset.FASHION_MNIST), neighborsLoss(Dataset.FASHION_MNIST),
            lossGrid(Dataset.CIFAR10), covariance(Dataset.CIFAR10), neighborsLoss(Dataset.CIFAR10),
            new Reproduction<>("study-optimizers-fashion",
                    "study: DeTAG on unshuffled data, AL-DSGD under a communication budget (Fashion-MNIST quick; runs experiments)",
                    Dataset.FASHION_MNIST, s -> OptimizerStudy.Config.paper(), new OptimizerStudy(), new OptimizerStudyRender()));

    private Reproductions() {
    }

    public static Optional<Reproduction<?, ?>> find(String name) {
        return ALL.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(Reproduction::name).toList();
    }

    private static String suffix(Dataset d) {
        return d == Dataset.FASHION_MNIST ? "-fashion" : "";
    }

    private static String data(Dataset d) {
        return d == Dataset.FASHION_MNIST ? "Fashion-MNIST" : "CIFAR-10";
    }

    private static Reproduction<?, ?> lossGrid(Dataset d) {
        return new Reproduction<>("fig4" + suffix(d), d == Dataset.FASHION_MNIST
                ? "Fashion-MNIST MLP: training loss vs learning rate per topology (runs experiments)"
                : "CIFAR-10 VGG-11: training loss vs learning rate per topology (needs CIFAR-10; runs experiments)",
                d, s -> ExperimentConfig.of(d, Experiments.Role.GRID, s), new LossGridStudy(), new LossGridRender());
    }

    private static Reproduction<?, ?> covariance(Dataset d) {
        return new Reproduction<>("fig5" + suffix(d),
                data(d) + ": measured worker covariance vs random-walk covariance at the fitted gamma (runs experiments)",
                d, s -> ExperimentConfig.of(d, Experiments.Role.COVARIANCE, s), new CovarianceStudy(), new CovarianceRender());
    }

    private static Reproduction<?, ?> neighborsLoss(Dataset d) {
        return new Reproduction<>("fig6" + suffix(d),
                data(d) + ": loss at the best lr vs n_W(0.951) and vs spectral gap, Spearman (runs experiments)",
                d, s -> NeighborsLossStudy.Config.of(d, s), new NeighborsLossStudy(), new NeighborsLossRender());
    }
}
