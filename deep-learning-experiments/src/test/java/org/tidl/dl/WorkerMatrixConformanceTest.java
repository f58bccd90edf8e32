package org.tidl.dl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.tidl.api.ArrayWorkerMatrix;
import org.tidl.api.DecentralizedOptimizer;
import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.api.GradientOracle;
import org.tidl.api.StepContext;
import org.tidl.api.WorkerMatrix;
import org.tidl.core.OptimizerRegistry;
import org.tidl.core.TopologyRegistry;

/**
 * One suite for every {@link WorkerMatrix} backend: the double-precision {@link ArrayWorkerMatrix} of the quadratic
 * simulator, and {@link NdWorkerMatrix} in single precision on both its routes (the CPU kernels, and the ND4J ops
 * that the CUDA backend takes) and in double precision. Each operation is checked against the same operation
 * written out in plain double arithmetic, on data that holds NaN, ±∞, zeros and large values: finite results to
 * the data type's precision, and NaN/±∞ exactly where IEEE arithmetic puts them. Then every built-in optimizer
 * runs on each backend and must reach the array backend's parameters, NaN and ∞ in the same places.
 */
class WorkerMatrixConformanceTest {

    /** A backend under test: how to build an n × P matrix from row-major values, and how to read one back. */
    record Backend(String name, double tolerance, Factory factory) {
        WorkerMatrix of(int n, int p, double[] values) {
            return factory.create(n, p, values);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Factory {
        WorkerMatrix create(int n, int p, double[] values);
    }

    static Stream<Backend> backends() {
        return Stream.of(
                new Backend("array (double)", 1e-12, (n, p, v) -> {
                    ArrayWorkerMatrix a = new ArrayWorkerMatrix(n, p);
                    System.arraycopy(v, 0, a.data(), 0, v.length);
                    return a;
                }),
                new Backend("nd4j float, CPU kernels", 2e-6, (n, p, v) ->
                        new NdWorkerMatrix(Nd4j.createFromArray(v).castTo(DataType.FLOAT).reshape('c', n, p), true)),
                new Backend("nd4j float, ND4J ops (the CUDA route)", 2e-6, (n, p, v) ->
                        new NdWorkerMatrix(Nd4j.createFromArray(v).castTo(DataType.FLOAT).reshape('c', n, p), false)),
                new Backend("nd4j double, ND4J ops", 1e-12, (n, p, v) ->
                        new NdWorkerMatrix(Nd4j.createFromArray(v).reshape('c', n, p).dup('c'), false)));
    }

    static double[] read(WorkerMatrix m) {
        if (m instanceof ArrayWorkerMatrix a) {
            return a.data().clone();
        }
        return ((NdWorkerMatrix) m).array().castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    // ------------------------------------------------------------------------------------------- test data

    static final int N = 5;

    /** n × p values, Gaussian, with NaN, ±∞, exact zeros and 1e20 (its square overflows a float) planted. */
    static double[] specials(int p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[N * p];
        for (int k = 0; k < v.length; k++) {
            v[k] = r.nextGaussian();
        }
        v[0 * p + 1] = 1e20;
        v[1 * p + 3] = Double.NaN;
        v[2 * p + 5] = Double.POSITIVE_INFINITY;
        v[3 * p + 5] = Double.NEGATIVE_INFINITY;
        v[3 * p + 6] = 0.0;
        v[4 * p + (p - 1)] = 0.0; // the last column: the tail of a chunk
        return v;
    }

    static double[] finite(int p, long seed) {
        return finite(N, p, seed);
    }

    static double[] finite(int n, int p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n * p];
        for (int k = 0; k < v.length; k++) {
            v[k] = r.nextGaussian();
        }
        return v;
    }

    /** Sizes: one short chunk; several chunks with a tail; large enough for the multi-core path. */
    static final int[] WIDTHS = {37, 5000, 14_001};

    static Stream<Arguments> backendsAndWidths() {
        List<Arguments> out = new ArrayList<>();
        backends().forEach(b -> {
            for (int p : WIDTHS) {
                out.add(Arguments.of(b, p));
            }
        });
        return out.stream();
    }

    /** Finite values within the backend's precision (relative, floored at 1), NaN and ±∞ exactly. */
    static void assertMatches(Backend b, String what, double[] got, double[] expected) {
        assertThat(got).as(what).hasSameSizeAs(expected);
        for (int k = 0; k < expected.length; k++) {
            double e = expected[k];
            double g = got[k];
            boolean ok = Double.isNaN(e) ? Double.isNaN(g)
                    : Double.isInfinite(e) ? g == e
                    : Double.isFinite(g) && Math.abs(g - e) <= b.tolerance() * Math.max(1, Math.abs(e));
            if (!ok) { // one AssertJ failure with the details (asserting every entry would take seconds)
                assertThat(g).as(b + ": " + what + " at " + k + ": expected " + e).isEqualTo(e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------- operations

    @ParameterizedTest(name = "{0}, P = {1}")
    @MethodSource("backendsAndWidths")
    void shapeZerosLikeAssignAndSetZero(Backend b, int p) {
        WorkerMatrix x = b.of(N, p, specials(p, 1));
        double[] start = read(x);
        assertThat(x.rows()).isEqualTo(N);
        assertThat(x.columns()).isEqualTo(p);
        WorkerMatrix z = x.zerosLike();
        assertThat(z.rows()).isEqualTo(N);
        assertThat(z.columns()).isEqualTo(p);
        assertMatches(b, "zerosLike", read(z), new double[N * p]);
        z.assign(x);
        assertMatches(b, "assign", read(z), start);
        x.setZero();
        assertMatches(b, "assign keeps its own copy", read(z), start);
        assertMatches(b, "setZero (NaN and ∞ included)", read(x), new double[N * p]);
    }

    @ParameterizedTest(name = "{0}, P = {1}")
    @MethodSource("backendsAndWidths")
    void scaleMultipliesEveryEntryAsIeeeDoes(Backend b, int p) {
        for (double a : new double[] {2.5, -1, 0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-30}) {
            WorkerMatrix x = b.of(N, p, specials(p, 2));
            double[] e = read(x);
            for (int k = 0; k < e.length; k++) {
                e[k] *= a;
            }
            x.scale(a);
            assertMatches(b, "scale(" + a + ")", read(x), e);
        }
    }

    @ParameterizedTest(name = "{0}, P = {1}")
    @MethodSource("backendsAndWidths")
    void addScaledAddsEvenWithAZeroCoefficient(Backend b, int p) {
        for (double a : new double[] {0.5, -2, 0, Double.NaN, Double.POSITIVE_INFINITY}) {
            WorkerMatrix x = b.of(N, p, specials(p, 3));
            double[] yv = specials(p, 4);
            yv[2 * p + 5] = 1; // x's +∞ meets a finite value
            yv[0 * p + 7] = Double.NEGATIVE_INFINITY;
            yv[4 * p + 2] = Double.NaN;
            WorkerMatrix y = b.of(N, p, yv);
            double[] e = read(x);
            double[] ys = read(y);
            for (int k = 0; k < e.length; k++) {
                e[k] += a * ys[k];
            }
            x.addScaled(a, y);
            assertMatches(b, "addScaled(" + a + ")", read(x), e);
            assertMatches(b, "addScaled leaves x alone", read(y), ys);
        }
    }

    @ParameterizedTest(name = "{0}, P = {1}")
    @MethodSource("backendsAndWidths")
    void twoAxpysAtOnce(Backend b, int p) {
        for (double[] ab : new double[][] {{1, -1}, {0.5, -2}, {0, Double.NaN}, {1e-30, 3}}) {
            WorkerMatrix x = b.of(N, p, specials(p, 14));
            WorkerMatrix u = b.of(N, p, specials(p, 15));
            WorkerMatrix v = b.of(N, p, finite(p, 16));
            double[] e = read(x);
            double[] us = read(u);
            double[] vs = read(v);
            for (int k = 0; k < e.length; k++) {
                e[k] = e[k] + ab[0] * us[k] + ab[1] * vs[k];
            }
            x.addScaled(ab[0], u, ab[1], v);
            assertMatches(b, "addScaled(" + ab[0] + ", u, " + ab[1] + ", v)", read(x), e);
        }
    }

    @ParameterizedTest(name = "{0}, P = {1}")
    @MethodSource("backendsAndWidths")
    void acceleratedGossipInOneStep(Backend b, int p) {
        for (var e : gossipMatrices().entrySet()) {
            for (double[] ab : new double[][] {{1.25, -0.25}, {1, 1}, {1, Double.NaN}}) {
                WorkerMatrix x = b.of(N, p, specials(p, 17));
                double[] pv = finite(p, 18); // (not specials: 1.25 · 1e20/5 − 0.25 · 1e20 cancels to float noise)
                pv[2 * p + 2] = Double.NaN;
                pv[4 * p + 3] = Double.NEGATIVE_INFINITY;
                WorkerMatrix prev = b.of(N, p, pv);
                WorkerMatrix dst = x.zerosLike();
                double[] want = mixed(e.getValue(), read(x), p);
                double[] ps = read(prev);
                for (int k = 0; k < want.length; k++) {
                    want[k] = ab[0] * want[k] + ab[1] * ps[k];
                }
                x.mix(e.getValue(), dst, ab[0], ab[1], prev);
                assertMatches(b, "mix by " + e.getKey() + " then " + ab[0] + "·(W x) + " + ab[1] + "·y", read(dst), want);
            }
        }
    }

    /** The terms of a linear combination: specials (NaN, ±∞ and 1e20 planted), then finite ones with NaN and −∞. */
    static double[][] combinationTerms(int p) {
        double[] u = finite(p, 31);
        u[2 * p + 2] = Double.NaN;
        u[4 * p + 3] = Double.NEGATIVE_INFINITY;
        return new double[][] {specials(p, 30), u, finite(p, 32)};
    }

    /** What the combination is defined as: assign, scale (unless c₀ = 1), then the axpys in order, on the backend. */
    static void composed(WorkerMatrix out, double[] c, WorkerMatrix[] t) {
        WorkerMatrix aside = out.zerosLike();
        aside.assign(t[0]);
        if (c[0] != 1) {
            aside.scale(c[0]);
        }
        for (int m = 1; m < t.length; m++) {
            aside.addScaled(c[m], t[m]);
        }
        out.assign(aside);
    }

    @ParameterizedTest(name = "{0}, P = {1}")
    @MethodSource("backendsAndWidths")
    void combineIsTheLinearCombinationRoundedAsTheAxpysInOrder(Backend b, int p) {
        double[][] values = combinationTerms(p);
        // float-exact coefficients, a zero one on the specials (0 · ∞ = NaN must flow), ones below the float range
        for (double[] c : new double[][] {{0.5}, {1, -0.25}, {0, 2, -1}, {-3, 1e-30, 1}, {1, 1, -1}}) {
            for (int self = -1; self < c.length; self++) { // which term is the output itself (−1: none)
                WorkerMatrix[] t = new WorkerMatrix[c.length];
                for (int m = 0; m < t.length; m++) {
                    t[m] = b.of(N, p, values[m]);
                }
                WorkerMatrix out = self >= 0 ? t[self] : b.of(N, p, finite(p, 33));
                double[] want = new double[N * p];
                for (int k = 0; k < want.length; k++) {
                    for (int m = 0; m < c.length; m++) {
                        want[k] += c[m] * values[m][k];
                    }
                }
                WorkerMatrix reference = out.zerosLike();
                composed(reference, c, t);
                out.combine(c, t);
                String what = "combine(" + java.util.Arrays.toString(c) + "), output = term " + self;
                assertMatches(b, what, read(out), want);
                assertThat(read(out)).as(b + ": " + what + " rounds as assign, scale, axpys").isEqualTo(read(reference));
            }
        }
    }

    @ParameterizedTest(name = "{0}, P = {1}")
    @MethodSource("backendsAndWidths")
    void mixCombineIsTheGossipAndTheUpdateInOnePass(Backend b, int p) {
        double[][] values = combinationTerms(p);
        for (var e : gossipMatrices().entrySet()) {
            GossipMatrix w = e.getValue();
            // gradient tracking's in-place updates, DeTAG's round written over Z_prev, plain gossip into this
            String[] forms = {"in place + y", "in place + g - g_old", "over the term", "no terms", "in place + y"};
            double[] scales = {1, 1, 1.25, 1, 1.25};
            for (int f = 0; f < forms.length; f++) {
                String form = forms[f];
                double a = scales[f];
                WorkerMatrix z = b.of(N, p, finite(p, 34));
                WorkerMatrix u = b.of(N, p, values[1]);
                WorkerMatrix v = b.of(N, p, values[2]);
                WorkerMatrix scratch = z.zerosLike();
                double[] zs = read(z);
                WorkerMatrix out;
                double[] c;
                WorkerMatrix[] t;
                switch (form) {
                    case "in place + y" -> { out = z; c = new double[] {-0.3}; t = new WorkerMatrix[] {u}; }
                    case "in place + g - g_old" -> { out = z; c = new double[] {1, -1}; t = new WorkerMatrix[] {u, v}; }
                    case "over the term" -> { out = u; c = new double[] {-0.25}; t = new WorkerMatrix[] {u}; }
                    default -> { out = v; c = new double[0]; t = new WorkerMatrix[0]; }
                }
                double[] want = mixed(w, zs, p);
                double[][] ts = new double[t.length][];
                for (int m = 0; m < t.length; m++) {
                    ts[m] = read(t[m]);
                }
                for (int k = 0; k < want.length; k++) {
                    want[k] *= a;
                    for (int m = 0; m < t.length; m++) {
                        want[k] += c[m] * ts[m][k];
                    }
                }
                // the definition: mix into scratch, scale unless a = 1, then combine with the terms
                WorkerMatrix reference = z.zerosLike();
                z.mix(w, reference);
                if (a != 1) {
                    reference.scale(a);
                }
                WorkerMatrix[] all = new WorkerMatrix[t.length + 1];
                double[] ca = new double[t.length + 1];
                all[0] = reference;
                ca[0] = 1;
                System.arraycopy(t, 0, all, 1, t.length);
                System.arraycopy(c, 0, ca, 1, c.length);
                composed(reference, ca, all);
                out.mixCombine(w, z, a, scratch, c, t);
                String what = "mixCombine by " + e.getKey() + ", a = " + a + ", " + form;
                assertMatches(b, what, read(out), want);
                assertThat(read(out)).as(b + ": " + what + " rounds as mix, scale, combine").isEqualTo(read(reference));
                if (out != z) {
                    assertMatches(b, what + " leaves the source alone", read(z), zs);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}, P = {1}")
    @MethodSource("backendsAndWidths")
    void addScaledRowTouchesOneRow(Backend b, int p) {
        for (double a : new double[] {0.5, 0, Double.NaN}) {
            WorkerMatrix x = b.of(N, p, finite(p, 5));
            WorkerMatrix y = b.of(N, p, specials(p, 6));
            double[] e = read(x);
            double[] ys = read(y);
            for (int k = 0; k < p; k++) {
                e[4 * p + k] += a * ys[2 * p + k]; // row 2 of y holds +∞
            }
            x.addScaledRow(4, a, y, 2);
            assertMatches(b, "addScaledRow(4, " + a + ", y, 2)", read(x), e);
        }
    }

    @ParameterizedTest(name = "{0}, P = {1}")
    @MethodSource("backendsAndWidths")
    void scaleRowsAndSquaredNorms(Backend b, int p) {
        double[] factors = {2, 0, Double.NaN, Double.POSITIVE_INFINITY, -1};
        WorkerMatrix x = b.of(N, p, specials(p, 7));
        double[] start = read(x);
        double[] norms = new double[N];
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < p; k++) {
                norms[i] += start[i * p + k] * start[i * p + k];
            }
        }
        assertMatches(b, "rowSquaredNorms (1e20² = 1e40 included)", x.rowSquaredNorms(), norms);
        assertThat(norms[0]).isGreaterThan(1e39); // the row that overflows a float sum of squares
        double[] e = start.clone();
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < p; k++) {
                e[i * p + k] *= factors[i];
            }
        }
        x.scaleRows(factors);
        assertMatches(b, "scaleRows", read(x), e);
    }

    // ------------------------------------------------------------------------------ element-wise operations (API 2)

    /** The values of {@code v} rounded to single precision: data every backend holds exactly (top-k ties, ranks). */
    static double[] asFloats(double[] v) {
        double[] out = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = (float) v[k];
        }
        return out;
    }

    /** A second operand: specials elsewhere, zeros where x is finite (x / 0 = ±∞, 0 / 0 = NaN), NaN where x is ∞. */
    static double[] operand(int p, long seed) {
        double[] y = specials(p, seed);
        y[0 * p + 1] = 0.5;                      // x's 1e20: 1e20 · 1e20 would overflow a float, not a double
        y[0 * p + 2] = 0.0;                      // finite / 0
        y[3 * p + 6] = 0.0;                      // x's 0: 0 / 0
        y[2 * p + 5] = Double.NaN;               // x's +∞ meets NaN
        y[3 * p + 5] = Double.NEGATIVE_INFINITY; // x's −∞ meets −∞
        y[4 * p + 2] = Double.POSITIVE_INFINITY;
        y[1 * p + 4] = -0.0;
        return y;
    }

    @ParameterizedTest(name = "{0}, P = {1}")
    @MethodSource("backendsAndWidths")
    void multiplyDivideAndMaximumEntryByEntry(Backend b, int p) {
        java.util.function.DoubleBinaryOperator[] ops = {(u, v) -> u * v, (u, v) -> u / v, Math::max, (u, v) -> Math.max(v, u)};
        String[] names = {"multiply", "divide", "maximum (NaN in y)", "maximum (NaN in this)"};
        for (int op = 0; op < ops.length; op++) {
            double[] xs = specials(p, 20);
            double[] ys = operand(p, 21);
            if (op == 3) { // the NaN on the other side: ND4J's max(a, b) loses a NaN in a
                double[] t = xs;
                xs = ys;
                ys = t;
                xs[0 * p + 2] = 1e20; // keep the 1e20 · 1e20 overflow out (maximum does not multiply anyway)
            }
            WorkerMatrix x = b.of(N, p, xs);
            WorkerMatrix y = b.of(N, p, ys);
            double[] e = read(x);
            double[] yv = read(y);
            for (int k = 0; k < e.length; k++) {
                e[k] = ops[op].applyAsDouble(e[k], yv[k]);
            }
            switch (op) {
                case 0 -> x.multiply(y);
                case 1 -> x.divide(y);
                default -> x.maximum(y);
            }
            assertMatches(b, names[op], read(x), e);
            assertMatches(b, names[op] + " leaves its operand alone", read(y), yv);
        }
    }

    @ParameterizedTest(name = "{0}, P = {1}")
    @MethodSource("backendsAndWidths")
    void addScalarSqrtAbsAndSignEntryByEntry(Backend b, int p) {
        for (double a : new double[] {0.5, -3, 0, Double.NaN, Double.POSITIVE_INFINITY, 1e-40}) {
            WorkerMatrix x = b.of(N, p, specials(p, 22));
            double[] e = read(x);
            for (int k = 0; k < e.length; k++) {
                e[k] += a;
            }
            x.addScalar(a);
            assertMatches(b, "addScalar(" + a + ")", read(x), e);
        }
        java.util.function.DoubleUnaryOperator[] ops = {Math::sqrt, Math::abs, Math::signum};
        String[] names = {"sqrt (NaN for negatives)", "abs", "sign (NaN stays NaN)"};
        for (int op = 0; op < ops.length; op++) {
            WorkerMatrix x = b.of(N, p, specials(p, 23));
            double[] e = read(x);
            for (int k = 0; k < e.length; k++) {
                e[k] = ops[op].applyAsDouble(e[k]);
            }
            switch (op) {
                case 0 -> x.sqrt();
                case 1 -> x.abs();
                default -> x.sign();
            }
            assertMatches(b, names[op], read(x), e);
        }
        WorkerMatrix x = b.of(N, p, finite(p, 24)); // sign without NaN: ND4J's own op on that route
        double[] e = read(x);
        for (int k = 0; k < e.length; k++) {
            e[k] = Math.signum(e[k]);
        }
        x.sign();
        assertMatches(b, "sign of finite values", read(x), e);
    }

    @ParameterizedTest(name = "{0}, P = {1}")
    @MethodSource("backendsAndWidths")
    void rowAbsoluteSumsWithNanAndInfinityInTheirRows(Backend b, int p) {
        WorkerMatrix x = b.of(N, p, specials(p, 25));
        double[] v = read(x);
        double[] sums = new double[N];
        for (int k = 0; k < v.length; k++) {
            sums[k / p] += Math.abs(v[k]);
        }
        assertThat(sums[1]).isNaN(); // row 1 holds a NaN, rows 2 and 3 an infinity
        assertThat(sums[2]).isInfinite();
        assertMatches(b, "rowAbsoluteSums", x.rowAbsoluteSums(), sums);
    }

    /**
     * keepLargest against an independent reference (a full sort by magnitude, NaN first, ties to the lower column),
     * on values every backend holds exactly, with ties planted across the threshold.
     */
    @ParameterizedTest(name = "{0}, P = {1}")
    @MethodSource("backendsAndWidths")
    void keepLargestKeepsTheSameEntriesOnEveryBackend(Backend b, int p) {
        double[] v = asFloats(specials(p, 26));
        for (int c = 10; c < 20; c++) { // row 4: ten equal magnitudes, both signs
            v[4 * p + c] = c % 2 == 0 ? 3.5 : -3.5;
        }
        v[2 * p + 7] = Double.NaN; // row 2: NaN above its +∞
        for (int k : new int[] {0, 1, 3, 12, p / 3, p - 1, p, p + 5}) {
            WorkerMatrix x = b.of(N, p, v);
            double[] want = new double[v.length];
            for (int i = 0; i < N; i++) {
                int row = i;
                Integer[] order = new Integer[p];
                for (int c = 0; c < p; c++) {
                    order[c] = c;
                }
                java.util.Comparator<Integer> byMagnitude = java.util.Comparator.comparingDouble(c -> {
                    double m = Math.abs(v[row * p + c]);
                    return Double.isNaN(m) ? Double.MAX_VALUE * 0 + Double.POSITIVE_INFINITY : m;
                });
                java.util.Arrays.sort(order, (c1, c2) -> {
                    boolean n1 = Double.isNaN(v[row * p + c1]);
                    boolean n2 = Double.isNaN(v[row * p + c2]);
                    if (n1 != n2) {
                        return n1 ? -1 : 1;
                    }
                    int m = byMagnitude.compare(c2, c1);
                    return m != 0 ? m : Integer.compare(c1, c2);
                });
                for (int r = 0; r < Math.min(k, p); r++) {
                    want[row * p + order[r]] = v[row * p + order[r]];
                }
            }
            x.keepLargest(k);
            double[] got = read(x);
            for (int q = 0; q < got.length; q++) {
                boolean same = Double.isNaN(want[q]) ? Double.isNaN(got[q]) : got[q] == want[q];
                if (!same) {
                    assertThat(got[q]).as(b + ": keepLargest(" + k + ") at row " + q / p + ", column " + q % p)
                            .isEqualTo(want[q]);
                }
            }
        }
    }

    /**
     * The operations are enough for Adam (Kingma &amp; Ba 2015): one step written with whole-block operations only
     * matches the formula entry by entry. m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², x ← x − η m̂ / (√v̂ + ε).
     */
    @ParameterizedTest(name = "{0}, P = {1}")
    @MethodSource("backendsAndWidths")
    void anAdamStepFromWholeBlockOperations(Backend b, int p) {
        double b1 = 0.9, b2 = 0.999, lr = 1e-3, eps = 1e-8;
        int t = 3;
        double[] x0 = finite(p, 27);
        double[] g0 = finite(p, 28);
        double[] m0 = finite(p, 29);
        double[] v0 = finite(p, 30);
        for (int k = 0; k < v0.length; k++) {
            v0[k] = v0[k] * v0[k]; // a second moment is not negative
        }
        WorkerMatrix x = b.of(N, p, x0);
        WorkerMatrix g = b.of(N, p, g0);
        WorkerMatrix m = b.of(N, p, m0);
        WorkerMatrix v = b.of(N, p, v0);
        WorkerMatrix tmp = x.zerosLike();
        m.scale(b1);
        m.addScaled(1 - b1, g);
        tmp.assign(g);
        tmp.multiply(g);
        v.scale(b2);
        v.addScaled(1 - b2, tmp);
        tmp.assign(v);
        tmp.scale(1 / (1 - Math.pow(b2, t)));
        tmp.sqrt();
        tmp.addScalar(eps);
        WorkerMatrix step = x.zerosLike();
        step.assign(m);
        step.divide(tmp);
        x.addScaled(-lr / (1 - Math.pow(b1, t)), step);
        double[] want = read(b.of(N, p, x0));
        double[] gs = read(g);
        double[] ms = read(b.of(N, p, m0));
        double[] vs = read(b.of(N, p, v0));
        for (int k = 0; k < want.length; k++) {
            double mk = b1 * ms[k] + (1 - b1) * gs[k];
            double vk = b2 * vs[k] + (1 - b2) * gs[k] * gs[k];
            want[k] -= lr * (mk / (1 - Math.pow(b1, t))) / (Math.sqrt(vk / (1 - Math.pow(b2, t))) + eps);
        }
        assertMatches(b, "Adam step", read(x), want);
    }

    /** The gossip matrices of the suite: sparse graphs, the closed forms α·J/n + (1−α)·I, and odd rows. */
    static Map<String, GossipMatrix> gossipMatrices() {
        Map<String, GossipMatrix> m = new java.util.LinkedHashMap<>();
        TopologyRegistry t = TopologyRegistry.builtIn();
        m.put("ring", t.build("ring", N).scheme().matrix(0));
        m.put("star", t.build("star", N).scheme().matrix(0));
        m.put("circulant offsets 1, 2", t.build("circulant:offsets=1,2", N).scheme().matrix(0));
        m.put("erdos-renyi p = 0.5", t.build("erdos-renyi:p=0.5", N).scheme().matrix(0));
        m.put("averaging J/n", GossipMatrix.averaging(N));
        m.put("identity", GossipMatrix.identity(N));
        m.put("mixture 0.3", GossipMatrix.mixture(N, 0.3));
        GossipMatrix.Builder odd = GossipMatrix.builder(N);
        odd.set(0, 0, 0.5).set(0, 4, 0.5);
        odd.set(1, 2, 0.0); // a stored zero: 0 · ∞ must not appear
        odd.set(1, 1, 1.0);
        odd.set(2, 3, -0.25).set(2, 2, 1.25);
        odd.set(4, 1, 1.0); // row 3 is empty: its output is 0
        m.put("hand-built (stored zero, empty row, negative weight)", odd.build());
        return m;
    }

    /** y_i = Σ_j w_ij x_j over the non-zero w_ij; for α·J/n + (1−α)·I the closed form (1−α)·x_i + (α/n)·Σ_j x_j. */
    static double[] mixed(GossipMatrix w, double[] x, int p) {
        double[] y = new double[N * p];
        var alpha = w.mixtureWeight();
        for (int i = 0; i < N; i++) {
            int row = i;
            if (alpha.isPresent() && alpha.getAsDouble() > 0) {
                double a = alpha.getAsDouble();
                for (int k = 0; k < p; k++) {
                    double s = 0;
                    for (int j = 0; j < N; j++) {
                        s += x[j * p + k];
                    }
                    y[row * p + k] = (1 - a) * x[row * p + k] + a / N * s;
                }
                continue;
            }
            w.forEachInRow(i, (j, wij) -> {
                for (int k = 0; k < p; k++) {
                    y[row * p + k] += wij * x[j * p + k];
                }
            });
        }
        return y;
    }

    @ParameterizedTest(name = "{0}, P = {1}")
    @MethodSource("backendsAndWidths")
    void mixIsTheGossipProductWithNanAndInfinityWhereTheyFlow(Backend b, int p) {
        for (var e : gossipMatrices().entrySet()) {
            WorkerMatrix x = b.of(N, p, specials(p, 8));
            WorkerMatrix y = x.zerosLike();
            y.scale(Double.NaN); // whatever dst held is overwritten
            double[] xs = read(x);
            x.mix(e.getValue(), y);
            double[] want = mixed(e.getValue(), xs, p);
            assertMatches(b, "mix by " + e.getKey(), read(y), want);
            assertMatches(b, "mix leaves its source alone", read(x), xs);
            x.mixInPlace(e.getValue(), y);
            assertMatches(b, "mixInPlace by " + e.getKey(), read(x), want);
        }
    }

    /** Rows longer than one parallel task of the CPU kernels: the segments of a row must tile it exactly. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void rowsLongerThanOneTask(Backend b) {
        int p = 600_001;
        WorkerMatrix x = b.of(N, p, specials(p, 12));
        WorkerMatrix y = b.of(N, p, specials(p, 13));
        double[] xs = read(x);
        double[] ys = read(y);
        GossipMatrix ring = TopologyRegistry.builtIn().build("ring", N).scheme().matrix(0);
        WorkerMatrix z = x.zerosLike();
        x.mix(ring, z);
        assertMatches(b, "mix", read(z), mixed(ring, xs, p));
        z.assign(x);
        z.mixInPlace(ring, y.zerosLike());
        assertMatches(b, "mixInPlace", read(z), mixed(ring, xs, p));
        double[] e = xs.clone();
        for (int k = 0; k < e.length; k++) {
            e[k] -= 0.5 * ys[k];
        }
        x.addScaled(-0.5, y);
        assertMatches(b, "addScaled", read(x), e);
        double[] norms = new double[N];
        for (int k = 0; k < e.length; k++) {
            norms[k / p] += e[k] * e[k];
        }
        assertMatches(b, "rowSquaredNorms", x.rowSquaredNorms(), norms);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void misuseIsRefused(Backend b) {
        WorkerMatrix x = b.of(N, 4, finite(4, 9));
        WorkerMatrix other = b.of(N, 5, finite(5, 9));
        WorkerMatrix foreign = x instanceof ArrayWorkerMatrix
                ? new NdWorkerMatrix(Nd4j.zeros(DataType.FLOAT, N, 4)) : new ArrayWorkerMatrix(N, 4);
        assertThatThrownBy(() -> x.assign(other)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.addScaled(1, foreign)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.mix(GossipMatrix.identity(N), x)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.mixInPlace(GossipMatrix.identity(N), x)).isInstanceOf(IllegalArgumentException.class);
        WorkerMatrix d = x.zerosLike();
        assertThatThrownBy(() -> x.mix(GossipMatrix.identity(N), d, 2, 1, d)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.mixCombine(GossipMatrix.identity(N), x, 1, x, new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.mixCombine(GossipMatrix.identity(N), x, 1, d, new double[] {1}, d))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.combine(new double[] {1, 2}, d)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.combine(new double[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.combine(new double[] {1}, other)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.mix(GossipMatrix.identity(N + 1), x.zerosLike())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.multiply(other)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.divide(foreign)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> x.maximum(other)).isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------------------------------- optimizers

    static final String[] OPTIMIZERS = {"dsgd", "dsgd-atc", "dsgd-atc:momentum=0.9,weight-decay=0.01", "alone",
        "all-reduce", "gradient-tracking", "detag", "detag:rounds=2,gossip-eta=0.2", "al-dsgd"};

    /**
     * A backend-independent oracle: f_i(x) = ½‖x − c_i‖², g_i = x_i − c_i, written with WorkerMatrix operations
     * only. {@code poison} (if not null) spoils worker 2's gradient at the given call: NaN or +∞ times it.
     */
    static final class QuadraticTargets implements GradientOracle {
        final WorkerMatrix targets;
        final int poisonCall;
        final double poison;
        int calls;

        QuadraticTargets(WorkerMatrix targets, int poisonCall, double poison) {
            this.targets = targets;
            this.poisonCall = poisonCall;
            this.poison = poison;
        }

        @Override
        public void gradients(WorkerMatrix x, WorkerMatrix g, double[] losses) {
            g.assign(x);
            g.addScaled(-1, targets);
            if (calls++ == poisonCall) {
                double[] f = {1, 1, poison, 1, 1, 1};
                g.scaleRows(java.util.Arrays.copyOf(f, g.rows()));
            }
            double[] sq = g.rowSquaredNorms();
            for (int i = 0; i < losses.length; i++) {
                losses[i] = 0.5 * sq[i];
            }
        }
    }

    static double[] run(Backend b, String optimizer, int n, int p, int poisonCall, double poison) {
        GossipScheme scheme = TopologyRegistry.builtIn().build("ring", n).scheme();
        double[] t = finite(n, p, 11);
        for (int i = 0; i < n; i++) { // targets at different distances: the losses (AL-DSGD's ranking) are far apart
            for (int k = 0; k < p; k++) {
                t[i * p + k] *= 1 + i;
            }
        }
        WorkerMatrix x = b.of(n, p, new double[n * p]);
        QuadraticTargets oracle = new QuadraticTargets(b.of(n, p, t), poisonCall, poison);
        DecentralizedOptimizer opt = OptimizerRegistry.builtIn().resolve(optimizer, Map.of("lr", "0.3")).start(x, scheme, 1);
        double[] losses = new double[n];
        for (int s = 0; s < 6; s++) {
            opt.step(new StepContext(s, 1, scheme, oracle, losses), x);
        }
        double[] out = read(x);
        double[] all = java.util.Arrays.copyOf(out, out.length + n);
        System.arraycopy(losses, 0, all, out.length, n);
        return all;
    }

    static Stream<Arguments> backendsAndOptimizers() {
        List<Arguments> out = new ArrayList<>();
        backends().forEach(b -> {
            for (String o : OPTIMIZERS) {
                out.add(Arguments.of(b, o));
            }
        });
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("backendsAndOptimizers")
    void everyBuiltInOptimizerGivesTheArrayBackendsIterates(Backend b, String optimizer) {
        Backend reference = backends().findFirst().orElseThrow();
        // single precision over six steps: rounding accumulates
        Backend loose = new Backend(b.name(), b.tolerance() > 1e-9 ? 1e-4 : 1e-10, b.factory());
        int n = 6;
        int p = 70;
        assertMatches(loose, optimizer + ", finite", run(b, optimizer, n, p, -1, 1), run(reference, optimizer, n, p, -1, 1));
        for (double poison : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            double[] got = run(b, optimizer, n, p, 2, poison);
            double[] want = run(reference, optimizer, n, p, 2, poison);
            assertMatches(loose, optimizer + ", gradient × " + poison + " at the third call", got, want);
            // a spoiled gradient must show as a non-finite loss somewhere (what marks a run as diverged)
            boolean finiteLosses = java.util.Arrays.stream(got, n * p, got.length).allMatch(Double::isFinite);
            boolean finiteParams = java.util.Arrays.stream(got, 0, n * p).allMatch(Double::isFinite);
            assertThat(finiteLosses && finiteParams).as(b + ": " + optimizer + " hides a " + poison).isFalse();
        }
    }
}
