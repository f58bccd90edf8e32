package org.tidl.spark;

import org.tidl.dl.experiment.Engine;

/** {@code --engine spark}: found by {@link java.util.ServiceLoader} only when that engine is asked for. */
public final class SparkEngineProvider implements Engine.Provider {

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public Engine create(Engine.Settings settings) {
        return new SparkEngine(settings);
    }
}
