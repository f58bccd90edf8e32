package org.tidl.dl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.buffer.DataType;
import org.tidl.core.InvalidInputException;
import org.tidl.core.Messages;
import org.tidl.core.Suggestions;
import org.tidl.core.plugin.PluginCatalog;
import org.tidl.core.plugin.ProviderEntry;
import org.tidl.dl.spi.DatasetProvider;
import org.tidl.dl.spi.DatasetShape;
import org.tidl.dl.spi.ModelProvider;
import org.tidl.dl.spi.ScheduleProvider;

/**
 * The data sets, models and learning-rate schedules experiments can name: the built-ins and those of the plugin
 * jars, found with {@link java.util.ServiceLoader} by the same {@link PluginCatalog} as topologies and
 * optimizers (a provider that fails to load is skipped with a warning naming its jar and class). Every call
 * into a provider goes through its {@link ProviderEntry}, so a plugin's failure names its jar and class.
 */
public final class DlExtensions {

    private static DlExtensions builtIn;

    private final PluginCatalog<DatasetProvider> datasets;
    private final PluginCatalog<ModelProvider> models;
    private final PluginCatalog<ScheduleProvider> schedules;

    private DlExtensions(PluginCatalog<DatasetProvider> datasets, PluginCatalog<ModelProvider> models,
                         PluginCatalog<ScheduleProvider> schedules) {
        this.datasets = datasets;
        this.models = models;
        this.schedules = schedules;
    }

    /** The built-ins and the providers of the jars in {@code pluginFolders}. */
    public static DlExtensions load(List<Path> pluginFolders) {
        // these extension points came with plugin API 2 and have no older version to refuse
        java.util.function.ToIntFunction<Object> v2 = p -> org.tidl.api.PluginApi.VERSION;
        return new DlExtensions(
                PluginCatalog.load(DatasetProvider.class, "dataset", DatasetProvider::name, DatasetProvider::description,
                        p -> List.of(), v2::applyAsInt, pluginFolders),
                PluginCatalog.load(ModelProvider.class, "model", ModelProvider::name, ModelProvider::description,
                        p -> List.of(), v2::applyAsInt, pluginFolders),
                PluginCatalog.load(ScheduleProvider.class, "schedule", ScheduleProvider::name, ScheduleProvider::description,
                        p -> List.of(), v2::applyAsInt, pluginFolders));
    }

    /** The class path's providers only (loaded once). */
    public static synchronized DlExtensions builtIn() {
        if (builtIn == null) {
            builtIn = load(List.of());
        }
        return builtIn;
    }

    public PluginCatalog<DatasetProvider> datasets() {
        return datasets;
    }

    public PluginCatalog<ModelProvider> models() {
        return models;
    }

    public PluginCatalog<ScheduleProvider> schedules() {
        return schedules;
    }

    /** One line per provider or jar that was skipped, each once. */
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        for (PluginCatalog<?> c : List.of(datasets, models, schedules)) {
            for (String w : c.warnings()) {
                if (!out.contains(w)) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    /** The data set of that name; unknown: "dataset must be fashion-mnist or cifar10, got 'x' (did you mean …?)". */
    public Dataset dataset(String name) {
        return new Dataset(find(datasets, "dataset", name));
    }

    /** The model of that name; unknown: one line naming the valid ones. */
    public Model model(String name) {
        return new Model(find(models, "model", name));
    }

    /** The learning-rate schedule of that name; unknown: one line naming the valid ones. */
    public Schedule schedule(String name) {
        return new Schedule(find(schedules, "schedule", name));
    }

    private static <T> ProviderEntry<T> find(PluginCatalog<T> catalog, String parameter, String name) {
        ProviderEntry<T> e = catalog.find(name);
        if (e == null) {
            List<String> names = catalog.entries().stream().map(ProviderEntry::name).toList();
            String hint = Suggestions.didYouMean(name, names);
            throw InvalidInputException.of(parameter, "must be " + alternatives(names) + ", got " + Messages.quote(name)
                    + (hint.isEmpty() ? "" : " (" + hint + ")"));
        }
        return e;
    }

    /** "a", "a or b", "a, b or c". */
    static String alternatives(List<String> names) {
        if (names.isEmpty()) {
            return "one of none (no provider found)";
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** A data set: its provider, called through its entry. */
    public record Dataset(ProviderEntry<DatasetProvider> entry) {
        public String name() {
            return entry.name();
        }

        public DatasetShape shape() {
            return call("shape()", DatasetProvider::shape);
        }

        public Path defaultDirectory() {
            return call("defaultDirectory()", DatasetProvider::defaultDirectory);
        }

        public List<Path> files(Path dir) {
            return List.copyOf(call("files()", p -> p.files(dir)));
        }

        public DatasetProvider.Split load(Path dir) {
            return call("load()", p -> p.load(dir));
        }

        public boolean augmentByDefault() {
            return call("augmentByDefault()", DatasetProvider::augmentByDefault);
        }

        private <R> R call(String what, Function<DatasetProvider, R> f) {
            return entry.call(what, () -> f.apply(entry.provider()));
        }
    }

    /** A model: its provider, called through its entry. */
    public record Model(ProviderEntry<ModelProvider> entry) {
        public String name() {
            return entry.name();
        }

        /** The network for images of this shape. */
        public MultiLayerConfiguration configuration(DatasetShape s, int hidden, DataType type) {
            return configuration(s.channels(), s.height(), s.width(), s.classes(), hidden, type);
        }

        public MultiLayerConfiguration configuration(int channels, int height, int width, int classes, int hidden,
                                                     DataType type) {
            return entry.call("configuration()", () -> entry.provider().configuration(channels, height, width, classes,
                    hidden, type));
        }

        public InputType inputType(DatasetShape s) {
            return entry.call("inputType()", () -> entry.provider().inputType(s.channels(), s.height(), s.width()));
        }

        public boolean usesHidden() {
            return entry.call("usesHidden()", () -> entry.provider().usesHidden());
        }

        public String label(DatasetShape s, int hidden) {
            return entry.call("label()", () -> entry.provider().label(s.channels(), s.height(), s.width(), s.classes(),
                    hidden));
        }

        public String pairedDataset() {
            return entry.call("pairedDataset()", () -> entry.provider().pairedDataset());
        }
    }

    /** A learning-rate schedule: its provider, called through its entry. */
    public record Schedule(ProviderEntry<ScheduleProvider> entry) {
        public String name() {
            return entry.name();
        }

        public double scale(int step, int steps) {
            ScheduleProvider p = entry.provider();
            if (entry.builtIn()) {
                return p.scale(step, steps); // every step: no wrapper for our own code
            }
            return entry.call("scale()", () -> p.scale(step, steps));
        }
    }
}
