package org.tidl.core.optimizer;

import java.util.List;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GradientOracle;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.RunContext;
import org.tidl.api.StepContext;
import org.tidl.api.WorkerMatrix;

/**
 * The local part of every SGD-type built-in, as torch.optim.SGD (and the paper's deep-learning code):
 * g ← ∇f_i + λ·x (coupled weight decay), m ← μ·m + g (heavy ball, no dampening), step = η·m (η·g when μ = 0).
 * Momentum buffers are per worker and never gossiped. {@link Settings} is the configuration; a {@code LocalSgd} is
 * one run's state (the gradient, the momentum buffer when μ &gt; 0, and a gossip scratch matrix when the step needs
 * one), all allocated when the run starts.
 */
final class LocalSgd {

    static final Parameter LR = Parameter.real("lr", 0.1, 0, Double.MAX_VALUE, false, "learning rate eta");
    static final Parameter MOMENTUM = Parameter.real("momentum", 0.0, 0, 1, true,
            "heavy-ball momentum mu (torch SGD convention; buffers are not gossiped)");
    static final Parameter WEIGHT_DECAY = Parameter.real("weight-decay", 0.0, 0, Double.MAX_VALUE, false,
            "coupled L2 weight decay lambda, added to the gradient");
    static final List<Parameter> PARAMETERS = List.of(LR, MOMENTUM, WEIGHT_DECAY);

    /** The configuration: learning rate, momentum, weight decay. */
    record Settings(double lr, double momentum, double weightDecay) {

        static Settings of(Parameters p) {
            return new Settings(p.real("lr"), p.real("momentum"), p.real("weight-decay"));
        }

        /** The n × P matrices a run keeps: the gradient, the momentum buffer when μ ≠ 0, the scratch when asked. */
        int matrices(boolean scratch) {
            return 1 + (momentum != 0 ? 1 : 0) + (scratch ? 1 : 0);
        }

        LocalSgd start(RunContext run, boolean scratch) {
            return new LocalSgd(this, run.newMatrix(), momentum != 0 ? run.newMatrix() : null,
                    scratch ? run.newMatrix() : null);
        }
    }

    final Settings settings;
    private final WorkerMatrix gradient;
    private final WorkerMatrix buffer;
    private final WorkerMatrix scratch;
    private boolean momentumStarted;

    private LocalSgd(Settings settings, WorkerMatrix gradient, WorkerMatrix buffer, WorkerMatrix scratch) {
        this.settings = settings;
        this.gradient = gradient;
        this.buffer = buffer;
        this.scratch = scratch;
    }

    /** Calls the oracle at x and returns the local update direction (g + λx, or the momentum buffer). */
    WorkerMatrix direction(StepContext c, WorkerMatrix x) {
        return direction(c.oracle(), x, c.losses(), null);
    }

    /**
     * As {@link #direction(StepContext, WorkerMatrix)}, but the gradients are first averaged with
     * {@code averaging} (all-reduce, into the scratch matrix) when it is not null.
     */
    WorkerMatrix direction(GradientOracle oracle, WorkerMatrix x, double[] losses, GossipMatrix averaging) {
        gradient(oracle, x, gradient, losses, settings.weightDecay());
        WorkerMatrix g = gradient;
        if (averaging != null) {
            gradient.mix(averaging, scratch);
            g = scratch;
        }
        if (buffer == null) {
            return g;
        }
        if (!momentumStarted) {
            buffer.assign(g); // torch: the first step sets m = g
            momentumStarted = true;
        } else {
            buffer.scale(settings.momentum());
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

    /** The run's spare n × P matrix (gossip target); only when the run was started with one. */
    WorkerMatrix scratch() {
        return scratch;
    }

    double stepSize(StepContext c) {
        return settings.lr() * c.learningRateScale();
    }
}
