package org.tidl.reproduction;

import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;
import org.tidl.reproduction.dl.Training;

/**
 * What a study may use besides its configuration.
 *
 * @param topologies the topologies (built-in and plugins)
 * @param optimizers the optimizers (built-in and plugins)
 * @param paper      the paper's digitised figures (empty when the file is missing)
 * @param training   runs deep-learning experiments (only the deep-learning studies call it)
 * @param folder     the results folder of this run (a deep-learning study trains its experiments into it)
 * @param progress   receives units of work as they finish (they add up to the study's {@code work})
 */
public record StudyContext(TopologyRegistry topologies, OptimizerRegistry optimizers, PaperData paper,
                           Training training, Path folder, LongConsumer progress) {
}
