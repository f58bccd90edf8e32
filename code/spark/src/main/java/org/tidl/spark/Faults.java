package org.tidl.spark;

import java.io.Serializable;

/**
 * Faults injected into cell tasks (tests only: a task that throws on its first attempt, a cell that always
 * fails, an executor killed mid-cell). Travels with the task to the executors, so it must be serializable.
 */
@FunctionalInterface
interface Faults extends Serializable {

    Faults NONE = (cell, attempt, step) -> { };

    /** Called before a cell's first step (step 0) and after each step, on the executor. */
    void check(int cell, int attempt, int step);
}
