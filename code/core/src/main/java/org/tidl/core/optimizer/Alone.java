package org.tidl.core.optimizer;

import org.tidl.api.StepContext;
import org.tidl.api.WorkerMatrix;

/** Every worker runs SGD on its own (W = I whatever the topology): the paper's "alone" baseline, Eq. 2. */
public final class Alone extends SgdFamily {
    public Alone() {
        super("alone", "local SGD without communication (W = I, ignores the topology), paper Eq. 2", false);
    }

    @Override
    void step(LocalSgd sgd, StepContext c, WorkerMatrix x) {
        x.addScaled(-sgd.stepSize(c), sgd.direction(c, x));
    }
}
