package org.tidl.core.quadratic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.tidl.core.InvalidInputException;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.Topology;
import org.tidl.core.TopologyErrors;
import org.tidl.core.TopologyRegistry;
import org.tidl.core.theory.IsotropicQuadratic;

/**
 * An optimizer simulated on the isotropic random quadratic (Sec. 3.1) over topologies × learning rates, beside the
 * theory's rates for the same cells (Eq. 7 and the precise rate, {@link QuadraticTheory}). In two phases, so that a
 * front end can show each one's progress: {@link #plan} builds the cells and their predictions, {@link Plan#run}
 * simulates them.
 */
public final class QuadraticComparison {

    /** What to compare: every topology spec × learning rate, with the optimizer spec (its lr set per cell). */
    public record Config(List<String> topologies, int workers, String optimizer, List<Double> learningRates, int dim,
                         int batch, int steps, double target, int seeds, long seed, int threads) {

        /** ζ = (1 + b + d)/b of the quadratic. */
        public double zeta() {
            return IsotropicQuadratic.zeta(dim, batch);
        }
    }

    /** One cell: the optimizer's resolved spec, the prediction and the measurement. */
    public record Row(String topology, String optimizer, double learningRate, QuadraticTheory.Prediction predicted,
                      QuadraticSummary measured, double target) {

        /** Steps the precise rate needs to reach the target; NaN without a target or a contracting rate. */
        public double predictedStepsToTarget() {
            return target > 0 && predicted.precise() > 0 ? IsotropicQuadratic.stepsToTarget(predicted.precise(), target)
                    : Double.NaN;
        }
    }

    /** The cells in order: topology-major, then learning rate. */
    public record Result(Config config, List<Row> rows) { }

    /** Hears of the theory phase: a note the theory has about a topology (once until it changes), each prediction. */
    public interface TheoryListener {
        void note(String topology, String note);

        void predicted();
    }

    /** One cell built and predicted: what its row will say, and what to simulate. */
    public record Planned(String topology, String optimizer, double learningRate, QuadraticTheory.Prediction predicted,
                          QuadraticSweep.Cell cell) { }

    /** The cells built and predicted, ready to simulate. */
    public record Plan(Config config, List<Planned> planned) {

        public int cells() {
            return planned.size();
        }

        /**
         * Refuses a sweep that cannot fit in memory, then simulates every cell over the seeds on the threads;
         * {@code progress} hears of each finished run.
         */
        public Result run(IntConsumer progress) {
            List<QuadraticSweep.Cell> cells = planned.stream().map(Planned::cell).toList();
            QuadraticSweep.requireFits(cells, Math.min(config.threads(), cells.size()));
            List<QuadraticSummary> measured = QuadraticSweep.run(cells, config.seeds(), config.seed(), config.threads(), progress);
            List<Row> rows = new ArrayList<>();
            for (int k = 0; k < cells.size(); k++) {
                Planned p = planned.get(k);
                rows.add(new Row(p.topology(), p.optimizer(), p.learningRate(), p.predicted(), measured.get(k),
                        config.target()));
            }
            return new Result(config, List.copyOf(rows));
        }
    }

    private QuadraticComparison() {
    }

    /**
     * Builds each topology (a refusal names it) and each cell's optimizer, and predicts every cell's rates; one
     * theory per topology (n_W's decomposition is shared by all learning rates).
     */
    public static Plan plan(Config c, TopologyRegistry topologyRegistry, OptimizerRegistry optimizerRegistry,
                            TheoryListener listener) {
        List<Planned> planned = new ArrayList<>();
        double zeta = c.zeta();
        for (String spec : c.topologies()) {
            Topology t;
            try {
                t = topologyRegistry.build(spec, c.workers());
            } catch (InvalidInputException e) {
                throw TopologyErrors.prefixed(spec, e);
            }
            QuadraticTheory theory = null;
            String noted = null;
            for (double lr : c.learningRates()) {
                OptimizerRegistry.Optimizer o = optimizerRegistry.resolve(c.optimizer(), Map.of("lr", Double.toString(lr)));
                if (theory == null) {
                    theory = new QuadraticTheory(t.scheme(), o.name(), o.parameters());
                }
                QuadraticTheory.Prediction p = theory.predict(zeta, lr);
                planned.add(new Planned(spec, o.spec().text(), lr, p,
                        new QuadraticSweep.Cell(t.scheme(), o, c.dim(), c.batch(), c.steps(), c.target())));
                if (p.note() != null && !p.note().equals(noted)) {
                    listener.note(spec, p.note());
                    noted = p.note();
                }
                listener.predicted();
            }
        }
        return new Plan(c, List.copyOf(planned));
    }
}
