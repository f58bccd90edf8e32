package org.tidl.dl.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tidl.api.Seeds;

/**
 * Which training examples each worker draws. As the paper's code: every worker samples i.i.d. with
 * replacement from its pool, with its own stream, derived from (seed, worker, round) by {@link Seeds}. The pool
 * is the whole training set (i.i.d. data) or the worker's share of a Dirichlet(α) split by label (non-i.i.d.).
 * Round 0 is training; {@link #round} gives the same pools with fresh streams (the covariance repetitions).
 */
public final class Sampler {

    private final int[][] pools;
    private final long seed;
    private final SplittableRandom[] streams;

    private Sampler(int[][] pools, long seed, long round) {
        this.pools = pools;
        this.seed = seed;
        this.streams = new SplittableRandom[pools.length];
        for (int i = 0; i < pools.length; i++) {
            streams[i] = Seeds.stream(seed, "minibatches", i, round);
        }
    }

    /** The same pools, every worker drawing from its stream of round {@code round} (0: the first sampler's). */
    public Sampler round(long round) {
        return new Sampler(pools, seed, round);
    }

    /** Every worker draws from the whole set. */
    public static Sampler iid(int workers, int count, long seed) {
        int[] all = new int[count];
        for (int i = 0; i < count; i++) {
            all[i] = i;
        }
        int[][] pools = new int[workers][];
        java.util.Arrays.fill(pools, all);
        return new Sampler(pools, seed, 0);
    }

    /**
     * A Dirichlet(α) split by label: for each class, proportions p ~ Dir(α, …, α) over the workers decide how
     * that class's examples are dealt out. Small α: each worker sees few classes. A worker left empty gets one
     * example of its own (drawn from the largest pool), so every worker can train.
     */
    public static Sampler dirichlet(int workers, int[] labels, int classes, double alpha, long seed) {
        SplittableRandom rng = Seeds.stream(seed, "dirichlet-split", 0);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        List<List<Integer>> share = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            share.add(new ArrayList<>());
        }
        for (List<Integer> members : byClass) {
            // shuffle the class, then cut it by the Dirichlet proportions
            for (int i = members.size() - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                Integer t = members.get(i);
                members.set(i, members.get(j));
                members.set(j, t);
            }
            double[] p = new double[workers];
            double sum = 0;
            for (int w = 0; w < workers; w++) {
                p[w] = gamma(alpha, rng);
                sum += p[w];
            }
            int start = 0;
            double acc = 0;
            for (int w = 0; w < workers; w++) {
                acc += p[w] / sum;
                int end = w == workers - 1 ? members.size() : (int) Math.round(acc * members.size());
                share.get(w).addAll(members.subList(start, Math.max(start, end)));
                start = Math.max(start, end);
            }
        }
        int[][] pools = new int[workers][];
        int largest = 0;
        for (int w = 0; w < workers; w++) {
            if (share.get(w).size() > share.get(largest).size()) {
                largest = w;
            }
        }
        for (int w = 0; w < workers; w++) {
            List<Integer> s = share.get(w).isEmpty() ? List.of(share.get(largest).get(w % share.get(largest).size())) : share.get(w);
            pools[w] = s.stream().mapToInt(Integer::intValue).toArray();
            java.util.Arrays.sort(pools[w]);
        }
        return new Sampler(pools, seed, 0);
    }

    /**
     * "Unshuffled" data (DeTAG's setting): the training set sorted by label (stable, so by index within a label)
     * and cut into n contiguous blocks of equal size, one per worker. With 10 classes and n ≥ 10 each worker
     * sees one or two classes.
     */
    public static Sampler sorted(int workers, int[] labels, long seed) {
        Integer[] order = new Integer[labels.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(labels[a], labels[b]));
        int[][] pools = new int[workers][];
        for (int w = 0; w < workers; w++) {
            int from = (int) ((long) labels.length * w / workers);
            int to = (int) ((long) labels.length * (w + 1) / workers);
            pools[w] = new int[to - from];
            for (int k = from; k < to; k++) {
                pools[w][k - from] = order[k];
            }
        }
        return new Sampler(pools, seed, 0);
    }

    /** Gamma(k, 1) by Marsaglia and Tsang (k < 1 through the boost U^(1/k)). */
    static double gamma(double k, SplittableRandom rng) {
        if (k < 1) {
            return gamma(k + 1, rng) * Math.pow(rng.nextDouble(), 1 / k);
        }
        double d = k - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = rng.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = rng.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    public int workers() {
        return pools.length;
    }

    /** Worker i's pool of example indices. */
    public int[] pool(int worker) {
        return pools[worker];
    }

    /** The next {@code batch} example indices of worker i (with replacement). */
    public int[] next(int worker, int batch) {
        int[] pool = pools[worker];
        int[] out = new int[batch];
        for (int k = 0; k < batch; k++) {
            out[k] = pool[streams[worker].nextInt(pool.length)];
        }
        return out;
    }
}
