package org.tidl.reproduction.dl;

import java.util.List;
import org.tidl.dl.experiment.Experiment;
import org.tidl.dl.experiment.Trainer;
import org.tidl.reproduction.Dataset;
import org.tidl.reproduction.StudyContext;

/** Which experiment file backs a deep-learning figure (by data set, role, full or quick), and its size. */
public final class Experiments {

    /** What an experiment is for. */
    public enum Role {
        /** The learning-rate grid of Fig. 4 (and the points of Fig. 6). */
        GRID,
        /** Fully connected at several sizes (Fig. 6's crosses). */
        SCALING,
        /** The covariance protocol of Fig. 5. */
        COVARIANCE
    }

    private Experiments() {
    }

    /** The experiment's name, e.g. fashion-grid-bs16-iid-quick. */
    public static String name(Dataset dataset, Role role, boolean quick) {
        boolean fashion = switch (dataset) {
            case FASHION_MNIST -> true;
            case CIFAR10 -> false;
            case NONE -> throw new IllegalArgumentException("no experiment without a data set");
        };
        String base = switch (role) {
            case GRID -> fashion ? "fashion-grid-bs16-iid" : "cifar-vgg-grid-bs16-iid";
            case SCALING -> fashion ? "fashion-grid-bs16-iid-scaling" : "cifar-vgg-grid-bs16-iid-scaling";
            case COVARIANCE -> fashion ? "fashion-bs16-covariance" : "cifar-vgg-bs16-covariance-v2";
        };
        return quick ? base + "-quick" : base;
    }

    /** Progress units (training steps) of the named experiments. */
    public static long work(List<String> names, StudyContext ctx) {
        long steps = 0;
        for (String n : names) {
            Experiment x = ctx.training().experiment(n);
            steps += x.cells().size() * Trainer.stepsPerCell(x);
        }
        return steps;
    }

    /** Runs (or resumes) the named experiment into the context's folder and reads back what it holds. */
    public static TrainedExperiment train(String name, StudyContext ctx) {
        return ctx.training().run(ctx.training().experiment(name), ctx.folder());
    }
}
