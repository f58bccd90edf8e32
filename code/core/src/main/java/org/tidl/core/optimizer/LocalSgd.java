package org.tidl.core.optimizer;

import java.util.List;
import org.tidl.api.GradientOracle;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.StepContext;
import org.tidl.api.WorkerMatrix;

/**
 * The local part of every SGD-type built-in, as torch.optim.SGD (and the paper's DL code, digest E.1):
 * g ← ∇f_i + λ·x (coupled weight decay), m ← μ·m + g (heavy ball, no dampening), step = η·m (η·g when μ = 0).
 * Momentum buffers are per worker and never gossiped.
 */
final class LocalSgd {

    static final Parameter LR = Parameter.real("lr", 0.1, 0, Double.MAX_VALUE, false, "learning rate eta");
    static final Parameter MOMENTUM = Parameter.real("momentum", 0.0, 0, 1, true,
            "heavy-ball momentum mu (torch SGD convention; buffers are not gossiped)");
    static final Parameter WEIGHT_DECAY = Parameter.real("weight-decay", 0.0, 0, Double.MAX_VALUE, false,
            "coupled L2 weight decay lambda, added to the gradient");
    static final List<Parameter> PARAMETERS = List.of(LR, MOMENTUM, WEIGHT_DECAY);

    final double lr;
    final double momentum;
    final double weightDecay;
    private WorkerMatrix gradient;
    private WorkerMatrix buffer;

    LocalSgd(Parameters p) {
        this.lr = p.real("lr");
        this.momentum = p.real("momentum");
        this.weightDecay = p.real("weight-decay");
    }

    /** Calls the oracle at x and returns the local update direction (g + λx, or the momentum buffer). */
    WorkerMatrix direction(StepContext c, WorkerMatrix x) {
        return direction(c.oracle(), x, c.losses(), null);
    }

    /**
     * As {@link #direction(StepContext, WorkerMatrix)}, but the gradients are first averaged with
     * {@code averaging} (all-reduce) when it is not null.
     */
    WorkerMatrix direction(GradientOracle oracle, WorkerMatrix x, double[] losses, org.tidl.api.GossipMatrix averaging) {
        if (gradient == null) {
            gradient = x.zerosLike();
        }
        gradient(oracle, x, gradient, losses, weightDecay);
        WorkerMatrix g = gradient;
        if (averaging != null) {
            WorkerMatrix avg = scratch(x);
            gradient.mix(averaging, avg);
            g = avg;
        }
        if (momentum == 0) {
            return g;
        }
        if (buffer == null) {
            buffer = x.zerosLike();
            buffer.assign(g); // torch: the first step sets m = g
        } else {
            buffer.scale(momentum);
            buffer.addScaled(1, g);
        }
        return buffer;
    }

    /** g ← ∇f(x) + λx: the oracle's gradients with coupled weight decay (every built-in's local gradient). */
    static void gradient(GradientOracle oracle, WorkerMatrix x, WorkerMatrix g, double[] losses, double weightDecay) {
        oracle.gradients(x, g, losses);
        if (weightDecay != 0) {
            g.addScaled(weightDecay, x);
        }
    }

    private WorkerMatrix scratchMatrix;

    /** A spare n × P matrix owned by this optimizer (gossip target). */
    WorkerMatrix scratch(WorkerMatrix like) {
        if (scratchMatrix == null) {
            scratchMatrix = like.zerosLike();
        }
        return scratchMatrix;
    }

    double stepSize(StepContext c) {
        return lr * c.learningRateScale();
    }
}
