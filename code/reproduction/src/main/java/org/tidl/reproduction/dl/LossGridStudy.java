package org.tidl.reproduction.dl;

import java.util.ArrayList;
import java.util.List;
import org.tidl.reproduction.Dataset;
import org.tidl.reproduction.PaperTopology;
import org.tidl.reproduction.Study;
import org.tidl.reproduction.StudyContext;

/**
 * Fig. 4: training loss of the evaluated model after the grid's steps against the learning rate, one curve per
 * topology; each curve stops at its last non-diverged learning rate (the paper's convention). On CIFAR-10 (the
 * paper's figure) with its digitised curves; on Fashion-MNIST the MLP replication.
 */
public final class LossGridStudy implements Study<ExperimentConfig, LossGridStudy.Result> {

    /**
     * @param paperCurves the paper's digitised curve per curve (CIFAR-10 only; empty lists otherwise)
     */
    public record Result(ExperimentConfig config, TrainedExperiment grid, List<TrainingLog.Run> runs, List<LearningRateCurve> curves,
                         List<List<double[]>> paperCurves) implements DeepLearningResult {

        @Override
        public List<TrainedExperiment> experiments() {
            return List.of(grid);
        }

        /** The grid's steps per cell (0 without runs). */
        public int steps() {
            return runs.isEmpty() ? 0 : runs.get(0).steps();
        }
    }

    @Override
    public long work(ExperimentConfig c, StudyContext ctx) {
        return Experiments.work(List.of(c.experiment()), ctx);
    }

    @Override
    public Result run(ExperimentConfig c, StudyContext ctx) {
        TrainedExperiment grid = Experiments.train(c.experiment(), ctx);
        List<TrainingLog.Run> runs = TrainingLog.runs(grid.folder());
        List<LearningRateCurve> curves = LearningRateCurve.of(runs);
        List<List<double[]>> paper = new ArrayList<>();
        for (LearningRateCurve curve : curves) {
            paper.add(c.dataset() == Dataset.CIFAR10
                    ? ctx.paper().curve("fig4", PaperTopology.label(curve.topology(), curve.workers())) : List.of());
        }
        return new Result(c, grid, runs, curves, paper);
    }
}
