package org.tidl.api;

/**
 * The version of this plugin API, which the harness checks before it uses a plugin.
 *
 * <p>Every provider ({@link TopologyProvider}, {@link OptimizerProvider}) implements {@code apiVersion()} as
 * {@code return PluginApi.VERSION;}. {@code VERSION} is a compile-time constant, so the compiler copies its value
 * into the plugin's class: the plugin records the API it was compiled against, whatever tidl later loads it. A
 * class compiled against API 1 has no {@code apiVersion()} at all, and is refused as API 1.
 *
 * <p>Versions: 1, the first API (topologies and optimizers, {@code create} methods, no lifecycle); 2, the
 * optimizer lifecycle ({@link OptimizerConfig}, {@link RunContext}, {@link StateSize}), element-wise
 * {@link WorkerMatrix} operations, the gradient oracle's contract at any point, and nested topology specs
 * through a {@link TopologyResolver}. docs/plugins.md has the migration guide.
 *
 * @since 2
 */
public final class PluginApi {

    /** The plugin API this tidl implements, and the one a provider compiled against this jar declares. */
    public static final int VERSION = 2;

    private PluginApi() {
    }
}
