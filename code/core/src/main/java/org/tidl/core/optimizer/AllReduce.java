package org.tidl.core.optimizer;

import org.tidl.api.GossipMatrix;
import org.tidl.api.StepContext;
import org.tidl.api.WorkerMatrix;

/**
 * Centralized (mini-batch) SGD: gradients are averaged exactly over all workers before the step (ignores the
 * topology), paper Eq. 3. Workers that start equal stay equal.
 */
public final class AllReduce extends SgdFamily {
    public AllReduce() {
        super("all-reduce", "exact averaging of gradients over all workers (centralized SGD, ignores the topology), paper Eq. 3", true);
    }

    @Override
    void step(LocalSgd sgd, StepContext c, WorkerMatrix x) {
        GossipMatrix average = GossipMatrix.averaging(x.rows());
        x.addScaled(-sgd.stepSize(c), sgd.direction(c.oracle(), x, c.losses(), average));
    }
}
