package org.tidl.dl.experiment;

import java.io.Serializable;

/**
 * One finished cell, as the engine that computed it hands it to the sweep's driver: its rows already rendered
 * as CSV (without headers), so the driver appends exactly what was computed, wherever that was.
 *
 * @param environment the checked entries of the computing JVM's {@link RunEnvironment}
 */
public record CellResult(int cell, boolean diverged, int stepsDone, double trainLoss, double testAccuracy,
                         String evaluations, String covariances, String run, double wallSeconds, String environment)
        implements Serializable {
}
