package org.tidl.reproduction.dl;

import java.nio.file.Path;
import org.tidl.dl.experiment.Experiment;

/**
 * How a deep-learning study gets its experiments run: given by whoever drives the study (the CLI runs the
 * trainer with its progress bar and data folder), so the studies only read what the trainer wrote.
 */
public interface Training {

    /** The experiment of this name (deep-learning-experiments/experiments/NAME.exp of the checkout). */
    Experiment experiment(String name);

    /**
     * Runs the cells of {@code x} that {@code resultsRoot/NAME} does not hold yet (resuming it, unless the driver
     * was asked to discard earlier results), reporting {@code Trainer.stepsPerCell(x)} units of progress per cell,
     * finished ones included. Returns that folder with the number of cells this call trained.
     */
    TrainedExperiment run(Experiment x, Path resultsRoot);

    /** For contexts that train nothing: every call is an error. */
    Training NONE = new Training() {
        @Override
        public Experiment experiment(String name) {
            throw new IllegalStateException("no training in this context (experiment " + name + ")");
        }

        @Override
        public TrainedExperiment run(Experiment x, Path resultsRoot) {
            throw new IllegalStateException("no training in this context (experiment " + x.name() + ")");
        }
    };
}
