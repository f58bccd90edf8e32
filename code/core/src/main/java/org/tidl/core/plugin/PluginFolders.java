package org.tidl.core.plugin;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where plugin jars are looked for: {@code --plugins DIR} (default {@code ./plugins}) and {@code $TIDL_PLUGINS}. */
public final class PluginFolders {

    private PluginFolders() {
    }

    /**
     * @param option the {@code --plugins} value, or null for the default {@code ./plugins}
     * @param env    the value of {@code TIDL_PLUGINS} (folders separated by the path separator), or null
     */
    public static List<Path> resolve(String option, String env) {
        List<Path> out = new ArrayList<>();
        out.add(Path.of(option == null ? "plugins" : option));
        if (env != null && !env.isBlank()) {
            for (String part : env.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    out.add(Path.of(part.trim()));
                }
            }
        }
        return out;
    }
}
