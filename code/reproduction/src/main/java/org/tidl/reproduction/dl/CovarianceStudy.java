package org.tidl.reproduction.dl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tidl.api.GossipScheme;
import org.tidl.core.linalg.Dense;
import org.tidl.core.theory.EffectiveNeighbors;
import org.tidl.core.theory.NeighborsMode;
import org.tidl.core.theory.RandomWalkCovariance;
import org.tidl.reproduction.PaperTopology;
import org.tidl.reproduction.Study;
import org.tidl.reproduction.StudyContext;
import org.tidl.reproduction.fit.CovarianceFit;

/**
 * Fig. 5: the measured covariance between workers (the covariance experiment: repetitions of a few steps from one
 * checkpoint, see the trainer) against the random-walk covariance Σ(γ) at the γ fitted to it
 * ({@link CovarianceFit}), per topology.
 */
public final class CovarianceStudy implements Study<ExperimentConfig, CovarianceStudy.Result> {

    /**
     * One topology (a non-diverged run with a measured covariance). Matrices row-major n × n.
     *
     * @param gossip    W (at step 0)
     * @param measured  the measured covariance at unit mean diagonal
     * @param model     Σ(γ) at the fitted γ, at unit mean diagonal
     * @param neighbors n_W at the fitted γ (mean mode)
     */
    public record Panel(String label, String spec, int workers, double learningRate, CovarianceFit.Fit fit, double neighbors,
                        double[] gossip, double[] measured, double[] model) { }

    public record Result(ExperimentConfig config, TrainedExperiment covariance, List<Panel> panels) implements DeepLearningResult {

        @Override
        public List<TrainedExperiment> experiments() {
            return List.of(covariance);
        }
    }

    @Override
    public long work(ExperimentConfig c, StudyContext ctx) {
        return Experiments.work(List.of(c.experiment()), ctx);
    }

    @Override
    public Result run(ExperimentConfig c, StudyContext ctx) {
        TrainedExperiment exp = Experiments.train(c.experiment(), ctx);
        Map<Integer, List<TrainingLog.Covariance>> byCell = TrainingLog.covariances(exp.folder());
        List<Panel> panels = new ArrayList<>();
        for (TrainingLog.Run run : TrainingLog.runs(exp.folder())) {
            List<TrainingLog.Covariance> cov = byCell.get(run.cell());
            if (cov == null || run.diverged()) {
                continue;
            }
            int n = run.workers();
            double[] measuredRaw = new double[n * n];
            for (TrainingLog.Covariance e : cov) {
                measuredRaw[e.i() * n + e.j()] = e.value();
            }
            GossipScheme scheme = ctx.topologies().build(run.topology(), n).scheme();
            RandomWalkCovariance prepared = RandomWalkCovariance.lyapunov(scheme);
            double[] measured = CovarianceFit.unitMeanDiagonal(measuredRaw, n);
            CovarianceFit.Fit fit = CovarianceFit.fit(measured, prepared, n);
            double[] model = CovarianceFit.unitMeanDiagonal(RandomWalkCovariance.matrixOf(prepared, fit.gamma()), n);
            double nw = EffectiveNeighbors.of(scheme).at(fit.gamma(), NeighborsMode.MEAN);
            panels.add(new Panel(PaperTopology.label(run.topology(), n), run.topology(), n, run.learningRate(), fit, nw,
                    Dense.of(scheme.matrix(0)), measured, model));
        }
        return new Result(c, exp, panels);
    }
}
