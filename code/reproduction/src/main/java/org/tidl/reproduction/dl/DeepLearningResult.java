package org.tidl.reproduction.dl;

import java.util.List;

/** A result drawn from deep-learning experiments: which ones, as read (their files are the figure's inputs). */
public interface DeepLearningResult {

    List<TrainedExperiment> experiments();
}
