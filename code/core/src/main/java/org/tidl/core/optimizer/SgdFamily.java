package org.tidl.core.optimizer;

import java.util.List;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.OptimizerConfig;
import org.tidl.api.OptimizerProvider;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.RunContext;
import org.tidl.api.StateSize;
import org.tidl.api.StepContext;
import org.tidl.api.WorkerMatrix;

/** The built-ins that share {@link LocalSgd} (lr, momentum, weight decay) and differ only in one step rule. */
abstract class SgdFamily implements OptimizerProvider {

    private final String name;
    private final String description;
    private final boolean scratch;

    /** @param scratch whether the step needs a spare n × P matrix (a gossip target) */
    SgdFamily(String name, String description, boolean scratch) {
        this.name = name;
        this.description = description;
        this.scratch = scratch;
    }

    @Override public final int apiVersion() { return PluginApi.VERSION; }
    @Override public final String name() { return name; }
    @Override public final String description() { return description; }
    @Override public final List<Parameter> parameters() { return LocalSgd.PARAMETERS; }

    @Override
    public final OptimizerConfig configure(Parameters p) {
        LocalSgd.Settings settings = LocalSgd.Settings.of(p);
        return new OptimizerConfig() {
            @Override
            public StateSize stateSize(int workers, long parameters) {
                return StateSize.matrices(settings.matrices(scratch));
            }

            @Override
            public DecentralizedOptimizer start(RunContext run) {
                LocalSgd sgd = settings.start(run, scratch);
                return (c, x) -> step(sgd, c, x);
            }
        };
    }

    /** One step; {@code sgd} holds this run's state. */
    abstract void step(LocalSgd sgd, StepContext c, WorkerMatrix x);
}
