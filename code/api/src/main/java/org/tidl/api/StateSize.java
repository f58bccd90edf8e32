package org.tidl.api;

/**
 * The memory an optimizer keeps during a run besides the parameters: {@code matrices} n × P matrices (gradients,
 * momentum, trackers, gossip scratch: everything it takes from {@link RunContext#newMatrix()}) and {@code doubles}
 * further values (per-worker scalars, a P-long vector). The harness checks it against the memory available before
 * a run starts, and refuses a run whose optimizer takes more matrices than it declared.
 *
 * @param matrices n × P matrices kept (not counting the parameters themselves), at least 0
 * @param doubles  further double values kept, at least 0
 * @since 2
 */
public record StateSize(int matrices, long doubles) {

    public StateSize {
        if (matrices < 0 || doubles < 0) {
            throw new IllegalArgumentException("state size must be >= 0, got " + matrices + " matrices and " + doubles
                    + " doubles");
        }
    }

    /** {@code k} n × P matrices and nothing else. */
    public static StateSize matrices(int k) {
        return new StateSize(k, 0);
    }

    /** The number of values kept for n workers of P parameters (saturating at Long.MAX_VALUE). */
    public long values(int workers, long parameters) {
        if (workers <= 0 || parameters <= 0) {
            return doubles;
        }
        if (parameters > Long.MAX_VALUE / workers) {
            return matrices == 0 ? doubles : Long.MAX_VALUE;
        }
        long perMatrix = workers * parameters;
        if (matrices != 0 && perMatrix > (Long.MAX_VALUE - doubles) / matrices) {
            return Long.MAX_VALUE;
        }
        return matrices * perMatrix + doubles;
    }
}
