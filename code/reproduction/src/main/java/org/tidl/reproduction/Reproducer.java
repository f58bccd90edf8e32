package org.tidl.reproduction;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tidl.reproduction.dl.DeepLearningResult;
import org.tidl.reproduction.dl.EngineInfo;
import org.tidl.reproduction.dl.TrainedExperiment;
import org.tidl.reproduction.provenance.Provenance;
import org.tidl.reproduction.render.FigureFiles;

/** Makes one figure into its results folder: computes, renders, and writes its provenance sidecar last. */
public final class Reproducer {

    /**
     * What one figure run did.
     *
     * @param experiments the deep-learning experiments it trained or resumed (empty for the others)
     * @param written     its files, in the order written
     * @param provenance  its sidecar
     * @param reports     lines for the user
     */
    public record Outcome(String name, List<TrainedExperiment> experiments, List<Path> written, Path provenance,
                          List<String> reports) { }

    private Reproducer() {
    }

    public static Outcome make(Reproduction<?, ?> figure, RunSettings settings, StudyContext ctx, Provenance.Invocation invocation) {
        Instant started = Instant.now();
        FigureFiles out = new FigureFiles(ctx.folder(), figure.name());
        Reproduction.Made<?, ?> made = figure.make(settings, ctx, out);
        Provenance p = new Provenance("figure", figure.name(), invocation)
                .with("description", figure.description())
                .with("settings", settings)
                .with("config", made.config());
        List<TrainedExperiment> experiments = List.of();
        List<Path> inputs = new ArrayList<>();
        if (made.result() instanceof DeepLearningResult dl) {
            experiments = dl.experiments();
            List<Map<String, Object>> described = new ArrayList<>();
            boolean trained = false;
            for (TrainedExperiment e : experiments) {
                inputs.addAll(e.files());
                trained |= e.cellsTrained() > 0;
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", e.name());
                m.put("folder", e.folder());
                m.put("cells_trained_now", e.cellsTrained());
                described.add(m);
            }
            p.with("experiments", described);
            if (trained) { // ND4J is loaded only when something was trained; a redraw does not load it
                p.with("deep_learning_engine", EngineInfo.describe());
            }
        }
        Path sidecar = p.write(ctx.folder(), started, Instant.now(), inputs, out.written());
        return new Outcome(figure.name(), experiments, out.written(), sidecar, out.reports());
    }
}
