package org.tidl.reproduction;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.tidl.reproduction.render.FigureOutput;
import org.tidl.reproduction.render.Renderer;
import org.tidl.reproduction.table.TableOutput;

/**
 * One named output of {@code ./tidl reproduce}: a study, how its configuration follows from the run's settings,
 * and the renderer of its result. Its tables are declared up front (verify resolves claims against them).
 *
 * @param <C> the study's configuration
 * @param <R> the study's result
 */
public final class Reproduction<C, R> {

    /** What one figure run made: the configuration it ran with and its result. */
    public record Made<C, R>(C config, R result) { }

    private final String name;
    private final String description;
    private final Dataset dataset;
    private final Function<RunSettings, C> config;
    private final Study<C, R> study;
    private final Renderer<R> renderer;

    public Reproduction(String name, String description, Dataset dataset, Function<RunSettings, C> config, Study<C, R> study,
                        Renderer<R> renderer) {
        this.name = name;
        this.description = description;
        this.dataset = dataset;
        this.config = config;
        this.study = study;
        this.renderer = renderer;
    }

    public String name() {
        return name;
    }

    /** One line for help. */
    public String description() {
        return description;
    }

    /** The data it needs (NONE: theory and simulation, part of {@code --all}). */
    public Dataset dataset() {
        return dataset;
    }

    /** Trains networks (not part of {@code --all}). */
    public boolean deepLearning() {
        return dataset != Dataset.NONE;
    }

    public List<TableOutput> tables() {
        return renderer.tables();
    }

    /** The declared table written to {@code file}, if this figure writes one. */
    public Optional<TableOutput> table(String file) {
        return tables().stream().filter(t -> t.file(name).equals(file)).findFirst();
    }

    public C config(RunSettings s) {
        return config.apply(s);
    }

    public long work(RunSettings s, StudyContext ctx) {
        return study.work(config(s), ctx);
    }

    /** Computes the result and renders it into {@code out}. */
    public Made<C, R> make(RunSettings s, StudyContext ctx, FigureOutput out) {
        C c = config(s);
        R r = study.run(c, ctx);
        renderer.render(r, out);
        return new Made<>(c, r);
    }
}
