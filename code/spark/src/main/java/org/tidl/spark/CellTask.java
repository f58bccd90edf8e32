package org.tidl.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.tidl.dl.experiment.CellResult;
import org.tidl.dl.experiment.Experiment;
import org.tidl.dl.experiment.RunEnvironment;

/**
 * One Spark task: trains one cell on an executor and returns its rows to the driver. An executor whose
 * environment differs from the results folder's fails the task before training (Spark retries it, perhaps
 * elsewhere; after the last attempt the driver records the cell as failed with this message).
 */
final class CellTask implements Function<Integer, CellResult> {

    private final CellJob job;

    CellTask(CellJob job) {
        this.job = job;
    }

    @Override
    public CellResult call(Integer index) {
        TaskContext tc = TaskContext.get();
        int attempt = tc == null ? 0 : tc.attemptNumber();
        ExecutorCache.Lease lease = ExecutorCache.borrow(job);
        String mine = lease.trainer().environment().renderChecked();
        if (job.expected() != null && !mine.equals(job.expected())) {
            throw new IllegalStateException("this executor's environment differs from the results folder's: "
                    + RunEnvironment.parse(job.expected(), "the results folder").difference(
                            RunEnvironment.parse(mine, "this executor"), "for the results", "here"));
        }
        Experiment.Cell cell = lease.experiment().cells().get(index);
        job.faults().check(index, attempt, 0);
        int[] steps = {0};
        CellResult r = lease.trainer().runCell(cell, k -> {
            steps[0] += k;
            job.faults().check(index, attempt, steps[0]);
        });
        ExecutorCache.giveBack(lease);
        return r;
    }

    /** The environment of the executor that runs it (the driver's first job: recorded, or checked on resume). */
    static final class Probe implements Function<Integer, String> {
        private final CellJob job;

        Probe(CellJob job) {
            this.job = job;
        }

        @Override
        public String call(Integer ignored) {
            ExecutorCache.Lease lease = ExecutorCache.borrow(job);
            String env = lease.trainer().environment().render();
            ExecutorCache.giveBack(lease);
            return env;
        }
    }
}
