package org.tidl.reproduction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tidl.core.io.CsvReader;

/**
 * The paper's figures, digitised (results/published/paper-figures.csv: figure, curve, x, y), for dashed
 * overlays and for verify. Missing file: empty, and the figures are drawn without the overlay.
 */
public final class PaperData {

    private final Map<String, List<double[]>> curves = new LinkedHashMap<>();

    /** The checkout (system property tidl.home, set by the launcher; else the working folder). */
    public static Path home() {
        String h = System.getProperty("tidl.home");
        return h == null ? Path.of(".") : Path.of(h);
    }

    public static Path publishedFolder() {
        return home().resolve("results").resolve("published");
    }

    public static PaperData load() {
        PaperData d = new PaperData();
        Path f = publishedFolder().resolve("paper-figures.csv");
        if (Files.isRegularFile(f)) {
            for (Map<String, String> row : CsvReader.read(f)) {
                d.curves.computeIfAbsent(row.get("figure") + "/" + row.get("curve"), k -> new ArrayList<>())
                        .add(new double[] {Double.parseDouble(row.get("x")), Double.parseDouble(row.get("y"))});
            }
        }
        return d;
    }

    /** Points of one digitised curve, in file order; empty when unknown. */
    public List<double[]> curve(String figure, String name) {
        return curves.getOrDefault(figure + "/" + name, List.of());
    }

    /** y of the digitised point whose x is nearest to {@code x} in log space, if within {@code tolerance} (relative). */
    public double yNear(String figure, String name, double x, double tolerance) {
        double best = Double.NaN;
        double bestDist = Double.POSITIVE_INFINITY;
        for (double[] p : curve(figure, name)) {
            double d = Math.abs(Math.log(p[0] / x));
            if (d < bestDist) {
                bestDist = d;
                best = p[1];
            }
        }
        return bestDist <= tolerance ? best : Double.NaN;
    }

    /** The point of a curve with the largest y (a curve's kink or peak). */
    public double[] maxPoint(String figure, String name) {
        double[] best = null;
        for (double[] p : curve(figure, name)) {
            if (best == null || p[1] > best[1]) {
                best = p;
            }
        }
        return best;
    }
}
