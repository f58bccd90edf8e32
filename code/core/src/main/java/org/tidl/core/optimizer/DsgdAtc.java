package org.tidl.core.optimizer;

import org.tidl.api.StepContext;
import org.tidl.api.WorkerMatrix;

/**
 * Adapt-then-combine D-SGD: x ← W(x − η g(x)), the local step then gossip. This is the order of the paper's
 * Python code (toy model and deep-learning runs) and of Section 3.1's wording; Eq. 7 is exact for it.
 */
public final class DsgdAtc extends SgdFamily {
    public DsgdAtc() {
        super("dsgd-atc", "D-SGD adapt-then-combine: x <- W (x - lr * g(x)) (the paper's code; Eq. 7 is exact for it)", true);
    }

    @Override
    void step(LocalSgd sgd, StepContext c, WorkerMatrix x) {
        WorkerMatrix d = sgd.direction(c, x);
        x.addScaled(-sgd.stepSize(c), d);
        x.mixInPlace(c.scheme().matrix(c.step()), sgd.scratch());
    }
}
