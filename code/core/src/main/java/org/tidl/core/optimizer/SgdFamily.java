package org.tidl.core.optimizer;

import java.util.List;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.OptimizerProvider;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.StepContext;
import org.tidl.api.WorkerMatrix;

/** The built-ins that share {@link LocalSgd} (lr, momentum, weight decay) and differ only in one step rule. */
abstract class SgdFamily implements OptimizerProvider {

    private final String name;
    private final String description;

    SgdFamily(String name, String description) {
        this.name = name;
        this.description = description;
    }

    @Override public final String name() { return name; }
    @Override public final String description() { return description; }
    @Override public final List<Parameter> parameters() { return LocalSgd.PARAMETERS; }

    @Override
    public final DecentralizedOptimizer create(Parameters p) {
        LocalSgd sgd = new LocalSgd(p);
        return (c, x) -> step(sgd, c, x);
    }

    /** One step; {@code sgd} holds this run's state. */
    abstract void step(LocalSgd sgd, StepContext c, WorkerMatrix x);
}
