package org.tidl.reproduction.dl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An experiment's results folder as a deep-learning study read it.
 *
 * @param cellsTrained cells this run trained (0: everything was there already and only the figure was redrawn)
 */
public record TrainedExperiment(String name, Path folder, int cellsTrained) {

    /** The trainer's table of finished cells. */
    public Path runs() {
        return folder.resolve(TrainingLog.RUNS);
    }

    /** The files of the folder that exist (settings, runs, evaluations, covariances): the study's inputs. */
    public List<Path> files() {
        List<Path> out = new ArrayList<>();
        for (String f : new String[] {TrainingLog.SETTINGS, TrainingLog.RUNS, TrainingLog.EVALUATIONS, TrainingLog.COVARIANCES}) {
            Path p = folder.resolve(f);
            if (Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return out;
    }
}
