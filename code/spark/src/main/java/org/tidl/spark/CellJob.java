package org.tidl.spark;

import java.io.Serializable;
import java.util.List;

/**
 * What every cell task of one sweep needs on an executor, sent with the task.
 *
 * @param experiment      the experiment's resolved settings ({@code Experiment.resolved()})
 * @param dataFiles       names of the data files shipped with {@code SparkContext.addFile}, or null when
 *                        {@code executorDataDir} is a shared path
 * @param executorDataDir the data folder as the executors see it, or null
 * @param pluginJars      names of the plugin jars shipped with {@code addFile}, in the driver's plugin order
 * @param expected        the checked environment every computing JVM must match, or null (the probe)
 */
record CellJob(String experiment, List<String> dataFiles, String executorDataDir, List<String> pluginJars,
               String expected, Faults faults) implements Serializable {

    CellJob withExpected(String environment) {
        return new CellJob(experiment, dataFiles, executorDataDir, pluginJars, environment, faults);
    }

    /** What decides an executor's trainers: another key means another sweep. */
    String key() {
        return experiment + "\u0000" + dataFiles + "\u0000" + executorDataDir + "\u0000" + pluginJars;
    }
}
