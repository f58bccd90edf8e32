package org.tidl.reproduction.dl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tidl.reproduction.Study;
import org.tidl.reproduction.StudyContext;

/**
 * Beyond the paper, on Fashion-MNIST (quick experiments): (1) DeTAG against D-SGD and gradient tracking on
 * unshuffled data on a ring, DeTAG's claim; (2) AL-DSGD against D-PSGD and MATCHA under a communication budget,
 * AL-DSGD's claim. For each optimizer × topology, the training-loss curve at its best learning rate (lowest final
 * training loss among the runs that did not diverge).
 */
public final class OptimizerStudy implements Study<OptimizerStudy.Config, OptimizerStudy.Result> {

    /** One experiment of the study, and the suffix of its picture. */
    public record Part(String experiment, String picture, String setting) { }

    public record Config(List<Part> parts) {

        /** The two quick experiments (the study has no full variant). */
        public static Config paper() {
            return new Config(List.of(
                    new Part("fashion-detag-unshuffled-quick", "detag",
                            "16-ring, data sorted by label (unshuffled), one minibatch per worker per step"),
                    new Part("fashion-al-dsgd-budget-quick", "al-dsgd",
                            "16 workers, i.i.d. data; MATCHA: random matchings of the hypercube, communication budget 0.5")));
        }
    }

    /**
     * One optimizer on one topology at its best learning rate.
     *
     * @param diverged      how many of its learning rates diverged
     * @param curve         the evaluations of the best run, in step order
     * @param learningRates every learning rate it was run with, ascending
     */
    public record Best(String optimizer, String topology, TrainingLog.Run run, int diverged,
                       List<TrainingLog.Evaluation> curve, List<Double> learningRates) {

        /** "optimizer on topology". */
        public String key() {
            return optimizer + " on " + topology;
        }

        /**
         * Whether the best learning rate is the lowest or the highest one tried (of two or more): the optimum may lie
         * beyond the grid.
         */
        public boolean atGridEdge() {
            double lr = run.learningRate();
            return learningRates.size() > 1 && (lr == learningRates.get(0) || lr == learningRates.get(learningRates.size() - 1));
        }
    }

    public record PartResult(Part part, TrainedExperiment experiment, List<Best> best) { }

    public record Result(Config config, List<PartResult> parts) implements DeepLearningResult {

        @Override
        public List<TrainedExperiment> experiments() {
            return parts.stream().map(PartResult::experiment).toList();
        }
    }

    @Override
    public long work(Config c, StudyContext ctx) {
        return Experiments.work(c.parts().stream().map(Part::experiment).toList(), ctx);
    }

    @Override
    public Result run(Config c, StudyContext ctx) {
        List<PartResult> out = new ArrayList<>();
        for (Part part : c.parts()) {
            TrainedExperiment exp = Experiments.train(part.experiment(), ctx);
            Map<String, TrainingLog.Run> bestRun = new LinkedHashMap<>();
            Map<String, Integer> diverged = new LinkedHashMap<>();
            Map<String, java.util.TreeSet<Double>> tried = new LinkedHashMap<>();
            for (TrainingLog.Run r : TrainingLog.runs(exp.folder())) {
                String key = r.optimizer() + " on " + r.topology();
                diverged.merge(key, r.diverged() ? 1 : 0, Integer::sum);
                tried.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(r.learningRate());
                if (r.diverged()) {
                    continue;
                }
                TrainingLog.Run old = bestRun.get(key);
                if (old == null || r.trainLoss() < old.trainLoss()) {
                    bestRun.put(key, r);
                }
            }
            Map<Integer, List<TrainingLog.Evaluation>> byCell = new LinkedHashMap<>();
            for (TrainingLog.Evaluation e : TrainingLog.evaluations(exp.folder())) {
                byCell.computeIfAbsent(e.cell(), k -> new ArrayList<>()).add(e);
            }
            List<Best> best = new ArrayList<>();
            for (Map.Entry<String, TrainingLog.Run> e : bestRun.entrySet()) {
                TrainingLog.Run r = e.getValue();
                best.add(new Best(r.optimizer(), r.topology(), r, diverged.get(e.getKey()),
                        byCell.getOrDefault(r.cell(), List.of()), List.copyOf(tried.get(e.getKey()))));
            }
            out.add(new PartResult(part, exp, best));
        }
        return new Result(c, out);
    }
}
