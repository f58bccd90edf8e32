package org.tidl.dl.spi;

/**
 * A learning-rate schedule that experiments name with {@code schedule = NAME}: the factor the grid's learning
 * rate is multiplied with at each step. Found with {@link java.util.ServiceLoader} on the class path and in
 * the plugin jars ({@code --plugins DIR}): list the class in
 * {@code META-INF/services/org.tidl.dl.spi.ScheduleProvider}; it needs a public no-argument constructor. The
 * built-ins ({@code constant}, {@code step-decay}) register the same way.
 *
 * @since 1.0
 */
public interface ScheduleProvider {

    /** The name experiments use: lower-case letters, digits and '-'. */
    String name();

    /** One line for listings. */
    default String description() {
        return "";
    }

    /**
     * The learning-rate factor at {@code step} (0-based) of a run of {@code steps} training steps; the
     * covariance protocol's steps go on past {@code steps}.
     */
    double scale(int step, int steps);
}
