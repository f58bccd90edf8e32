package org.example.tidl;

import java.util.List;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.GossipMatrix;
import org.tidl.api.OptimizerProvider;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.StepContext;
import org.tidl.api.WorkerMatrix;

/**
 * Example optimizer plugin: adapt-then-combine D-SGD with {@code rounds} gossip rounds per step,
 * x ← W(t)^rounds (x − η g(x)). Built against the API jar alone.
 */
public final class MultiGossip implements OptimizerProvider {
    @Override public String name() { return "multi-gossip"; }
    @Override public String description() { return "example plugin: x <- W^rounds (x - lr * g(x))"; }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.real("lr", 0.1, 0, Double.MAX_VALUE, false, "learning rate"),
                Parameter.integer("rounds", 2, 1, 100, "gossip rounds per step"));
    }

    @Override
    public DecentralizedOptimizer create(Parameters p) {
        double lr = p.real("lr");
        int rounds = p.integer("rounds");
        return new DecentralizedOptimizer() {
            private WorkerMatrix g;
            private WorkerMatrix tmp;

            @Override
            public void step(StepContext c, WorkerMatrix x) {
                if (g == null) {
                    g = x.zerosLike();
                    tmp = x.zerosLike();
                }
                c.oracle().gradients(x, g, c.losses());
                x.addScaled(-lr * c.learningRateScale(), g);
                GossipMatrix w = c.scheme().matrix(c.step());
                for (int r = 0; r < rounds; r++) {
                    x.mix(w, tmp);
                    x.assign(tmp);
                }
            }
        };
    }
}
