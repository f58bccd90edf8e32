package org.tidl.reproduction;

/**
 * A figure or study of the paper as a computation: a typed configuration in, a typed result out. Studies
 * compute only; files, charts and report lines are made from the result by a
 * {@link org.tidl.reproduction.render.Renderer}.
 *
 * @param <C> the configuration (a record of plain values, written into the provenance as is)
 * @param <R> the result
 */
public interface Study<C, R> {

    /** Units of work {@link #run} reports to {@code ctx.progress()} in total. */
    long work(C config, StudyContext ctx);

    R run(C config, StudyContext ctx);
}
