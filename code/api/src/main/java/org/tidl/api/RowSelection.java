package org.tidl.api;

import java.util.Arrays;

/**
 * The selection behind {@link WorkerMatrix#keepLargest}, shared by the backends so that all of them keep the same
 * entries: each entry of a row gets a magnitude key (the bits of |x| as an unsigned number, which orders finite
 * values, then ∞, then NaN), the k-th largest key is found by selection in O(P), and the row keeps the entries
 * above it plus, in increasing column order, as many entries equal to it as k allows.
 *
 * @since 2
 */
public final class RowSelection {

    private RowSelection() {
    }

    /** The magnitude key of a double: ordered as |x|, with NaN (any payload) above +∞. */
    public static long key(double x) {
        return Double.doubleToLongBits(x) & Long.MAX_VALUE;
    }

    /**
     * The magnitude key of a float, on the same scale as the keys of its value as a double (so a float row and its
     * double copy select the same entries).
     */
    public static long key(float x) {
        return key((double) x);
    }

    /**
     * The k-th largest of {@code keys[0 .. length)} (1 ≤ k ≤ length); reorders {@code keys}. Introselect: Hoare
     * partitions around a median of three, and a sort of what is left when the partitions stop shrinking fast.
     */
    public static long kthLargest(long[] keys, int length, int k) {
        if (k < 1 || k > length) {
            throw new IllegalArgumentException("k must be in [1, " + length + "], got " + k);
        }
        int target = length - k; // the k-th largest is the (length − k)-th smallest, 0-based
        int lo = 0;
        int hi = length - 1;
        int budget = 2 * (64 - Long.numberOfLeadingZeros(length)) + 4;
        while (lo < hi) {
            if (budget-- == 0) {
                Arrays.sort(keys, lo, hi + 1);
                return keys[target];
            }
            int mid = (lo + hi) >>> 1;
            long pivot = median(keys[lo], keys[mid], keys[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (keys[i] < pivot) {
                    i++;
                }
                while (keys[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = keys[i];
                    keys[i] = keys[j];
                    keys[j] = t;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return keys[target]; // between the partitions: equal to the pivot
            }
        }
        return keys[target];
    }

    private static long median(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }

    /**
     * {@link WorkerMatrix#keepLargest} on one row, {@code row[offset .. offset + length)}, in place.
     *
     * @param scratch at least {@code length} longs of working space
     */
    public static void keepLargest(double[] row, int offset, int length, int k, long[] scratch) {
        if (k >= length) {
            return;
        }
        if (k <= 0) {
            Arrays.fill(row, offset, offset + length, 0.0);
            return;
        }
        for (int c = 0; c < length; c++) {
            scratch[c] = key(row[offset + c]);
        }
        long threshold = kthLargest(scratch, length, k);
        long ties = k - countAbove(row, offset, length, threshold);
        for (int c = 0; c < length; c++) {
            long key = key(row[offset + c]);
            if (key < threshold || key == threshold && ties-- <= 0) {
                row[offset + c] = 0.0;
            }
        }
    }

    /** {@link #keepLargest(double[], int, int, int, long[])} on a row of floats. */
    public static void keepLargest(float[] row, int offset, int length, int k, long[] scratch) {
        if (k >= length) {
            return;
        }
        if (k <= 0) {
            Arrays.fill(row, offset, offset + length, 0f);
            return;
        }
        for (int c = 0; c < length; c++) {
            scratch[c] = key(row[offset + c]);
        }
        long threshold = kthLargest(scratch, length, k);
        long above = 0;
        for (int c = 0; c < length; c++) {
            if (key(row[offset + c]) > threshold) {
                above++;
            }
        }
        long ties = k - above;
        for (int c = 0; c < length; c++) {
            long key = key(row[offset + c]);
            if (key < threshold || key == threshold && ties-- <= 0) {
                row[offset + c] = 0f;
            }
        }
    }

    private static long countAbove(double[] row, int offset, int length, long threshold) {
        long above = 0;
        for (int c = 0; c < length; c++) {
            if (key(row[offset + c]) > threshold) {
                above++;
            }
        }
        return above;
    }
}
