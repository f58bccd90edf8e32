package org.tidl.core.plugin;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tidl.core.InvalidInputException;

/**
 * Where plugin jars are looked for: {@code --plugins DIR} (default {@code ./plugins}, used only when it
 * exists) and the folders of {@code $TIDL_PLUGINS}. A folder the user names that is missing or not a folder is
 * not silently ignored: {@link #checkOption} refuses the option, and the catalog warns about environment
 * entries.
 */
public final class PluginFolders {

    static final Path DEFAULT = Path.of("plugins");

    private PluginFolders() {
    }

    /**
     * @param option the {@code --plugins} value, or null for the default {@code ./plugins}
     * @param env    the value of {@code TIDL_PLUGINS} (folders separated by the path separator), or null
     */
    public static List<Path> resolve(String option, String env) {
        List<Path> out = new ArrayList<>();
        if (option != null) {
            out.add(Path.of(option));
        } else if (Files.exists(DEFAULT)) {
            out.add(DEFAULT);
        }
        if (env != null && !env.isBlank()) {
            for (String part : env.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    out.add(Path.of(part.strip()));
                }
            }
        }
        return out;
    }

    /** Refuses a {@code --plugins} value that is not an existing folder (null: not given, nothing to check). */
    public static void checkOption(String option) {
        if (option == null) {
            return;
        }
        Path p;
        try {
            p = Path.of(option);
        } catch (java.nio.file.InvalidPathException e) {
            throw InvalidInputException.of("plugins", ": " + org.tidl.core.Messages.quote(option) + " is not a valid path");
        }
        if (!Files.exists(p)) {
            throw InvalidInputException.of("plugins", ": folder " + p + " does not exist (give a folder of plugin jars)");
        }
        if (!Files.isDirectory(p)) {
            throw InvalidInputException.of("plugins", ": " + p + " is a file, not a folder (put the plugin jar in a"
                    + " folder and give the folder)");
        }
    }
}
