package org.tidl.dl.experiment;

import org.tidl.core.InvalidInputException;

/**
 * One of {@code count} shards of a grid, for batch schedulers without Spark (SLURM job arrays, Kubernetes
 * Indexed Jobs): the cells whose index is ≡ {@code index} mod {@code count}, written into their own folder
 * {@code NAME.shard-K-of-N} and combined afterwards by {@link Merge}.
 */
public record Shard(int index, int count) {

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new InvalidInputException("shard must be K/N with 0 <= K < N, got " + index + "/" + count);
        }
    }

    /** Parses "K/N". */
    public static Shard parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        if (slash > 0) {
            try {
                return new Shard(Integer.parseInt(s.substring(0, slash)), Integer.parseInt(s.substring(slash + 1)));
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new InvalidInputException("shard must be K/N with 0 <= K < N (e.g. 0/4), got '" + RunLog.excerpt(text) + "'");
    }

    public boolean contains(Experiment.Cell c) {
        return c.index() % count == index;
    }

    /** The shard's results folder name. */
    public String folder(String experiment) {
        return experiment + ".shard-" + index + "-of-" + count;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
