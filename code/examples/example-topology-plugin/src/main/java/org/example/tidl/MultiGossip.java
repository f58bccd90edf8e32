package org.example.tidl;

import java.util.List;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.GossipMatrix;
import org.tidl.api.OptimizerConfig;
import org.tidl.api.OptimizerProvider;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.RunContext;
import org.tidl.api.StateSize;
import org.tidl.api.StepContext;
import org.tidl.api.WorkerMatrix;

/**
 * Example optimizer plugin: adapt-then-combine D-SGD with {@code rounds} gossip rounds per step,
 * x ← W(t)^rounds (x − η g(x)). Built against the API jar alone.
 */
public final class MultiGossip implements OptimizerProvider {
    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "multi-gossip"; }
    @Override public String description() { return "example plugin: x <- W^rounds (x - lr * g(x))"; }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.real("lr", 0.1, 0, Double.MAX_VALUE, false, "learning rate"),
                Parameter.integer("rounds", 2, 1, 100, "gossip rounds per step"));
    }

    @Override
    public OptimizerConfig configure(Parameters p) { // immutable: shared by every run of this spec
        double lr = p.real("lr");
        int rounds = p.integer("rounds");
        return new OptimizerConfig() {
            @Override
            public StateSize stateSize(int workers, long parameters) {
                return StateSize.matrices(2); // the gradient and the gossip scratch
            }

            @Override
            public DecentralizedOptimizer start(RunContext run) { // one run: its state, allocated here
                WorkerMatrix g = run.newMatrix();
                WorkerMatrix scratch = run.newMatrix();
                return (c, x) -> {
                    c.oracle().gradients(x, g, c.losses());
                    x.addScaled(-lr * c.learningRateScale(), g);
                    GossipMatrix w = c.scheme().matrix(c.step());
                    for (int r = 0; r < rounds; r++) {
                        x.mixInPlace(w, scratch);
                    }
                };
            }
        };
    }
}
