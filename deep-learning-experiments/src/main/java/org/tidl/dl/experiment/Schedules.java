package org.tidl.dl.experiment;

import org.tidl.dl.spi.ScheduleProvider;

/** The built-in learning-rate schedules, registered as {@link ScheduleProvider}s. */
public final class Schedules {

    private Schedules() {
    }

    /** {@code constant}: the grid's learning rate at every step. */
    public static final class Constant implements ScheduleProvider {
        @Override public String name() { return "constant"; }
        @Override public String description() { return "the grid's learning rate at every step"; }
        @Override public double scale(int step, int steps) { return 1; }
    }

    /**
     * {@code step-decay}: the paper's full-training decay, ×1 for the first 75% of the steps, ×0.1 until 90%,
     * ×0.01 after.
     */
    public static final class StepDecay implements ScheduleProvider {
        @Override public String name() { return "step-decay"; }
        @Override public String description() { return "x1 for 75% of the steps, x0.1 until 90%, x0.01 after (the paper's full training)"; }

        @Override
        public double scale(int step, int steps) {
            double f = (double) step / steps;
            return f < 0.75 ? 1 : f < 0.9 ? 0.1 : 0.01;
        }
    }
}
