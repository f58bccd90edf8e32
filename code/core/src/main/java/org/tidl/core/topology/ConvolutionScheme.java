package org.tidl.core.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tidl.api.ConvolutionSpectrum;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;

/**
 * A periodic scheme whose every W(t) is a convolution on the group Z_{m_1} × … × Z_{m_r} (worker index in
 * mixed radix, last coordinate fastest): ring and circulants (r = 1), the true torus (r = 2), the
 * hypercube (m_a = 2). Each step is either a stencil (w_{i, i+o} = c_o) or a mixture α·J/n + (1−α)·I.
 * Matrices are built on first use, so the spectrum alone serves n up to 2^20 and beyond.
 */
public final class ConvolutionScheme implements GossipScheme, ConvolutionSpectrum {

    /** One W(t): a stencil of group offsets with weights, or a mixture with exact averaging. */
    public static final class Step {
        final int[][] offsets;   // offsets[k] = group element (length r)
        final double[] weights;
        final double mixture;    // used when offsets == null

        private Step(int[][] offsets, double[] weights, double mixture) {
            this.offsets = offsets;
            this.weights = weights;
            this.mixture = mixture;
        }

        /** α·J/n + (1−α)·I. */
        public static Step mixture(double alpha) {
            return new Step(null, null, alpha);
        }
    }

    private final int[] moduli;
    private final int n;
    private final List<Step> steps;
    private final GossipMatrix[] built;

    private ConvolutionScheme(int[] moduli, List<Step> steps) {
        this.moduli = moduli.clone();
        long size = 1;
        for (int m : moduli) {
            size *= m;
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many workers: " + size);
        }
        this.n = (int) size;
        this.steps = List.copyOf(steps);
        this.built = new GossipMatrix[steps.size()];
    }

    public static ConvolutionScheme of(int[] moduli, List<Step> steps) {
        return new ConvolutionScheme(moduli, steps);
    }

    /** A static scheme on Z_{m_1} × … from one stencil. */
    public static ConvolutionScheme of(int[] moduli, Step step) {
        return new ConvolutionScheme(moduli, List.of(step));
    }

    /**
     * A stencil by the max-degree rule for a vertex-transitive graph: each node lists {@code neighborOffsets}
     * (duplicates counted in the degree, written once; offsets equal to 0 in the group are dropped), so every
     * distinct neighbor gets 1/(deg+1) and the node keeps the rest.
     */
    public static Step maxDegreeStencil(int[] moduli, int[][] neighborOffsets) {
        List<int[]> listed = new ArrayList<>();
        for (int[] o : neighborOffsets) {
            int[] r = reduce(moduli, o);
            if (!isZero(r)) {
                listed.add(r);
            }
        }
        int deg = listed.size();
        Map<String, int[]> distinct = new LinkedHashMap<>();
        for (int[] o : listed) {
            distinct.putIfAbsent(java.util.Arrays.toString(o), o);
        }
        double w = 1.0 / (deg + 1);
        int[][] offs = new int[distinct.size() + 1][];
        double[] ws = new double[distinct.size() + 1];
        offs[0] = new int[moduli.length];
        ws[0] = 1.0 - distinct.size() * w;
        int k = 1;
        for (int[] o : distinct.values()) {
            offs[k] = o;
            ws[k] = w;
            k++;
        }
        return new Step(offs, ws, 0);
    }

    /** A stencil with explicit weights (offsets reduced modulo the group; repeated offsets add up). */
    public static Step stencil(int[] moduli, int[][] offsets, double[] weights) {
        Map<String, Integer> index = new LinkedHashMap<>();
        List<int[]> offs = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        for (int k = 0; k < offsets.length; k++) {
            int[] r = reduce(moduli, offsets[k]);
            String key = java.util.Arrays.toString(r);
            Integer at = index.get(key);
            if (at == null) {
                index.put(key, offs.size());
                offs.add(r);
                ws.add(weights[k]);
            } else {
                ws.set(at, ws.get(at) + weights[k]);
            }
        }
        double[] w = new double[ws.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = ws.get(k);
        }
        return new Step(offs.toArray(new int[0][]), w, 0);
    }

    private static int[] reduce(int[] moduli, int[] o) {
        int[] r = new int[moduli.length];
        for (int a = 0; a < moduli.length; a++) {
            r[a] = Math.floorMod(o[a], moduli[a]);
        }
        return r;
    }

    private static boolean isZero(int[] o) {
        for (int v : o) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    @Override public int size() { return n; }

    @Override public int period() { return steps.size(); }

    @Override
    public synchronized GossipMatrix matrix(long t) {
        int s = (int) Math.floorMod(t, (long) steps.size());
        if (built[s] == null) {
            built[s] = build(steps.get(s));
        }
        return built[s];
    }

    private GossipMatrix build(Step step) {
        if (step.offsets == null) {
            return GossipMatrix.mixture(n, step.mixture);
        }
        GossipMatrix.Builder b = GossipMatrix.builder(n);
        int r = moduli.length;
        int[] coord = new int[r];
        for (int i = 0; i < n; i++) {
            decode(i, coord);
            for (int k = 0; k < step.offsets.length; k++) {
                int j = 0;
                for (int a = 0; a < r; a++) {
                    j = j * moduli[a] + (coord[a] + step.offsets[k][a]) % moduli[a];
                }
                b.set(i, j, b.get(i, j) + step.weights[k]);
            }
        }
        return b.build();
    }

    private void decode(int i, int[] coord) {
        for (int a = moduli.length - 1; a >= 0; a--) {
            coord[a] = i % moduli[a];
            i /= moduli[a];
        }
    }

    /** λ_k = Σ_o c_o · exp(2πi Σ_a o_a k_a / m_a), with the character k in the same mixed radix. */
    @Override
    public void eigenvalues(long t, double[] re, double[] im) {
        Step step = steps.get((int) Math.floorMod(t, (long) steps.size()));
        if (step.offsets == null) {
            java.util.Arrays.fill(re, 0, n, 1 - step.mixture);
            java.util.Arrays.fill(im, 0, n, 0.0);
            re[0] = 1.0;
            return;
        }
        int r = moduli.length;
        if (r == 1) {
            // one cyclic group: every phase is 2π·j/m for an integer j, so cos and sin come from one table
            // (the same doubles as computing them: cos((j/m)·2π)), which makes a 2^20-worker, 20-step period cheap
            double[][] table = unitRoots();
            double[] cos = table[0];
            double[] sin = table[1];
            int m = moduli[0];
            int terms = step.offsets.length;
            for (int c = 0; c < n; c++) {
                double sr = 0;
                double si = 0;
                for (int o = 0; o < terms; o++) {
                    int j = (int) (((long) step.offsets[o][0] * c) % m);
                    sr += step.weights[o] * cos[j];
                    si += step.weights[o] * sin[j];
                }
                re[c] = sr;
                im[c] = si;
            }
            return;
        }
        int[] k = new int[r];
        for (int c = 0; c < n; c++) {
            decode(c, k);
            double sr = 0;
            double si = 0;
            for (int o = 0; o < step.offsets.length; o++) {
                double phase = 0;
                for (int a = 0; a < r; a++) {
                    // exact integer reduction before scaling keeps the phase accurate for large m
                    phase += (double) (((long) step.offsets[o][a] * k[a]) % moduli[a]) / moduli[a];
                }
                phase *= 2 * Math.PI;
                sr += step.weights[o] * Math.cos(phase);
                si += step.weights[o] * Math.sin(phase);
            }
            re[c] = sr;
            im[c] = si;
        }
    }

    private double[][] roots;

    /** cos and sin of 2π·j/m for j < m (m = n, one cyclic group), computed once. */
    private synchronized double[][] unitRoots() {
        if (roots == null) {
            int m = moduli[0];
            double[] cos = new double[m];
            double[] sin = new double[m];
            for (int j = 0; j < m; j++) {
                double phase = (double) j / m;
                phase *= 2 * Math.PI;
                cos[j] = Math.cos(phase);
                sin[j] = Math.sin(phase);
            }
            roots = new double[][] {cos, sin};
        }
        return roots;
    }
}
