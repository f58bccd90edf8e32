package org.tidl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tidl.core.io.Csv;

/** One reproducible output of {@code ./tidl reproduce}: a CSV and (usually) a PNG drawn from it. */
interface Figure {

    String name();

    /** One line for help and progress. */
    String description();

    /** Units of work for the progress bar. */
    int work(boolean quick);

    void make(Job job);

    /** What a figure needs while it runs. */
    final class Job {
        final Context ctx;
        final Path dir;
        final boolean quick;
        final long seed;
        final int threads;
        final PaperData paper;
        final Progress progress;
        /** Data folder for the deep-learning figures (null: the experiment's own, else the dataset's standard place). */
        String dataDir;
        final List<Path> written = new ArrayList<>();

        Job(Context ctx, Path dir, boolean quick, long seed, int threads, PaperData paper, Progress progress) {
            this.ctx = ctx;
            this.dir = dir;
            this.quick = quick;
            this.seed = seed;
            this.threads = threads;
            this.paper = paper;
            this.progress = progress;
        }

        void csv(String file, Csv csv) {
            Path p = dir.resolve(file);
            csv.writeTo(p);
            written.add(p);
        }

        void png(String file, Chart chart) {
            Path p = dir.resolve(file);
            chart.savePng(p, 900, 640);
            written.add(p);
        }

        /** A line for the user (stderr, after the progress bar). */
        void report(String line) {
            reports.add(line);
        }

        final List<String> reports = new ArrayList<>();
    }

    /** logspace(a, b, k): k points 10^a … 10^b. */
    static double[] logspace(double a, double b, int k) {
        double[] out = new double[k];
        for (int i = 0; i < k; i++) {
            out[i] = Math.pow(10, a + (b - a) * i / (k - 1));
        }
        return out;
    }
}
