package org.tidl.reproduction.dl;

import org.tidl.reproduction.Dataset;
import org.tidl.reproduction.RunSettings;

/**
 * The configuration of a figure drawn from one experiment: its data set, the experiment's name and whether it is
 * the quick variant.
 */
public record ExperimentConfig(Dataset dataset, String experiment, boolean quick) {

    /** The experiment of this role for the data set, quick when the run is. */
    public static ExperimentConfig of(Dataset dataset, Experiments.Role role, RunSettings s) {
        return new ExperimentConfig(dataset, Experiments.name(dataset, role, s.quick()), s.quick());
    }
}
