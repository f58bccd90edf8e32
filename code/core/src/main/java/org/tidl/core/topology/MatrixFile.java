package org.tidl.core.topology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;
import org.tidl.core.Messages;
import org.tidl.core.io.TextFiles;

/**
 * The user's own static W from a CSV file: n lines of n numbers separated by commas (or whitespace);
 * blank lines and lines starting with '#' are skipped. The harness then checks it is row-stochastic.
 */
public final class MatrixFile implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "matrix"; }
    @Override public String description() { return "your own static W from a CSV file of n rows of n numbers"; }

    @Override
    public List<Parameter> parameters() {
        return List.of(Parameter.path("file", "CSV file holding W"));
    }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        Path file = Path.of(p.text("file"));
        List<String> lines = TextFiles.read(file, "matrix file").lines().toList();
        List<double[]> rows = new ArrayList<>();
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            String s = line.trim();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] parts = s.split("[,\\s]+");
            double[] row = new double[parts.length];
            for (int k = 0; k < parts.length; k++) {
                try {
                    row[k] = Double.parseDouble(parts[k]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("matrix file " + file + " line " + lineNo + ": " + Messages.quote(parts[k])
                            + " is not a number");
                }
            }
            rows.add(row);
        }
        if (rows.size() != n) {
            throw new IllegalArgumentException("matrix file " + file + " has " + rows.size() + " rows, but workers = " + n);
        }
        double[][] w = rows.toArray(new double[0][]);
        for (int i = 0; i < n; i++) {
            if (w[i].length != n) {
                throw new IllegalArgumentException("matrix file " + file + ": row " + (i + 1) + " has " + w[i].length
                        + " entries, expected " + n);
            }
        }
        return GossipScheme.fixed(GossipMatrix.fromDense(w));
    }
}
