package org.tidl.core.optimizer;

import org.tidl.api.StepContext;
import org.tidl.api.WorkerMatrix;

/** D-SGD as the paper's Eq. 19: x_i ← Σ_j w_ij x_j − η g_i(x_i), gossip and gradient at the same iterate. */
public final class Dsgd extends SgdFamily {
    public Dsgd() {
        super("dsgd", "D-SGD, paper Eq. 19: x <- W x - lr * g(x) (gossip and gradient at the same iterate)", true);
    }

    @Override
    void step(LocalSgd sgd, StepContext c, WorkerMatrix x) {
        WorkerMatrix d = sgd.direction(c, x); // at x, before the gossip
        x.mixInPlace(c.scheme().matrix(c.step()), sgd.scratch());
        x.addScaled(-sgd.stepSize(c), d);
    }
}
