package org.tidl.core.topology;

import java.util.List;
import java.util.Optional;
import org.tidl.api.GossipScheme;
import org.tidl.api.Parameter;
import org.tidl.api.Parameters;
import org.tidl.api.PluginApi;
import org.tidl.api.SpectralSymbol;
import org.tidl.api.TopologyProvider;
import org.tidl.api.TopologyResolver;

/**
 * The true 2-D torus Z_rows × Z_cols: worker r·cols + c ~ (r±1, c), (r, c±1). Max-degree weights, with the
 * paper code's convention that a neighbor reached twice (rows or cols = 2) counts twice in the degree.
 * The paper's "Torus (4x8)" is not this graph but {@code circulant:offsets=1,8}.
 */
public final class Torus implements TopologyProvider {

    @Override public int apiVersion() { return PluginApi.VERSION; }
    @Override public String name() { return "torus"; }
    @Override public String description() { return "true 2-D torus rows x cols (n = rows*cols), max-degree weights"; }

    @Override
    public List<Parameter> parameters() {
        return List.of(
                Parameter.integer("rows", 0, 0, Integer.MAX_VALUE, "number of rows (0: square, sqrt n)"),
                Parameter.integer("cols", 0, 0, Integer.MAX_VALUE, "number of columns (0: n / rows)"));
    }

    @Override
    public GossipScheme create(int n, Parameters p, TopologyResolver topologies) {
        int rows = p.integer("rows");
        int cols = p.integer("cols");
        if (rows == 0 && cols == 0) {
            rows = (int) Math.round(Math.sqrt(n));
            if (rows * rows != n) {
                throw new IllegalArgumentException("torus without rows/cols is square and needs workers a perfect square, got "
                        + n + " (or give rows=R,cols=C)");
            }
        }
        if (rows == 0) {
            rows = cols > 0 && n % cols == 0 ? n / cols : -1;
        }
        if (cols == 0) {
            cols = rows > 0 && n % rows == 0 ? n / rows : -1;
        }
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("torus needs workers = rows*cols, got " + n + " workers");
        }
        if ((long) rows * cols != n) {
            throw new IllegalArgumentException("torus needs workers = rows*cols = " + ((long) rows * cols) + ", got " + n);
        }
        int[] z = {rows, cols};
        int[][] nb = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
        return ConvolutionScheme.of(z, ConvolutionScheme.maxDegreeStencil(z, nb));
    }

    /** The infinite 2-D torus (grid Z²): λ(θ) = (1 + 2 cos θ₁ + 2 cos θ₂)/5. */
    @Override
    public Optional<SpectralSymbol> infinite(Parameters p) {
        return Optional.of(new SpectralSymbol() {
            @Override public int dimension() { return 2; }
            @Override public double eigenvalue(double[] t) { return (1 + 2 * Math.cos(t[0]) + 2 * Math.cos(t[1])) / 5; }
        });
    }
}
