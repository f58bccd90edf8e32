package org.tidl.core.topology;

import org.tidl.api.GossipMatrix;
import org.tidl.api.GossipScheme;
import org.tidl.core.InvalidInputException;

/**
 * W(t) as text: the dense form {@link MatrixFile} reads back ({@code matrix:file=W.csv}), its decimals exact (they
 * read back as the same doubles), and the non-zero entries of a whole period.
 */
public final class MatrixText {

    private MatrixText() {
    }

    /** n lines of n weights. */
    public static String dense(GossipMatrix w) {
        int n = w.size();
        StringBuilder sb = new StringBuilder(n * n * 4);
        double[] row = new double[n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(row, 0);
            w.forEachInRow(i, (j, v) -> row[j] = v);
            for (int j = 0; j < n; j++) {
                if (j > 0) {
                    sb.append(',');
                }
                sb.append(exact(row[j]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * step,row,column,weight for each non-zero entry of each W(t) of the period; refused when that is more than
     * {@code maxLines} lines.
     */
    public static String entries(GossipScheme scheme, long maxLines) {
        long lines = 0;
        for (int t = 0; t < scheme.period(); t++) {
            lines += scheme.matrix(t).nonZeros();
        }
        if (lines > maxLines) {
            throw InvalidInputException.mentioning("{period}: the " + scheme.period() + " matrices hold " + lines
                    + " non-zero entries, more than the " + maxLines + " printed; give {step} T for one matrix",
                    "period", "step");
        }
        StringBuilder sb = new StringBuilder("step,row,column,weight\n");
        for (int t = 0; t < scheme.period(); t++) {
            GossipMatrix w = scheme.matrix(t);
            int step = t;
            for (int i = 0; i < w.size(); i++) {
                int row = i;
                w.forEachInRow(i, (j, v) -> {
                    if (v != 0) {
                        sb.append(step).append(',').append(row).append(',').append(j).append(',').append(exact(v)).append('\n');
                    }
                });
            }
        }
        return sb.toString();
    }

    /** A decimal that reads back as the same double ("0.3333333333333333", "0.5", "1", "1.0e-20"): W as it is. */
    public static String exact(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return Double.toString(x).replace("E", "e");
    }
}
