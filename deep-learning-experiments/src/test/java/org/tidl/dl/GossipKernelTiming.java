package org.tidl.dl;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tidl.api.GossipMatrix;

/**
 * Times the gossip kernels against each other on one block: the plain in-place gossip ({@code mixInPlace}, D-SGD's)
 * and the one-pass gossip with one and two added terms ({@code mixCombine}, gradient tracking's x and y updates),
 * interleaved, median and quartiles of many repetitions; and the one-term kernel with the source as its term (the
 * term's chunk already in cache), which separates the cost of the extra pass from that of reading a cold term. Not a test (no time is asserted anywhere): run it as
 * {@code java -cp <test classpath> org.tidl.dl.GossipKernelTiming [n] [P] [reps]}; defaults 32 × 407,050 (MLP
 * 784-512-10), ring with weights 1/3.
 */
public final class GossipKernelTiming {

    private GossipKernelTiming() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int p = args.length > 1 ? Integer.parseInt(args[1]) : 407_050;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        GossipMatrix.Builder b = GossipMatrix.builder(n);
        for (int i = 0; i < n; i++) {
            b.set(i, (i + n - 1) % n, 1.0 / 3).set(i, i, 1.0 / 3).set(i, (i + 1) % n, 1.0 / 3);
        }
        GossipMatrix ring = b.build();
        Nd4j.getRandom().setSeed(1);
        INDArray xa = Nd4j.rand(DataType.FLOAT, n, p);
        INDArray ya = Nd4j.rand(DataType.FLOAT, n, p);
        INDArray ga = Nd4j.rand(DataType.FLOAT, n, p);
        INDArray ha = Nd4j.rand(DataType.FLOAT, n, p);
        FloatBlock x = FloatBlock.of(xa);
        FloatBlock y = FloatBlock.of(ya);
        FloatBlock g = FloatBlock.of(ga);
        FloatBlock h = FloatBlock.of(ha);
        String[] names = {"mixInPlace", "mixCombine 1 term", "mixCombine 2 terms", "1 term = the source (in cache)"};
        Runnable[] kernels = {
            () -> x.mixInPlace(ring),
            () -> x.mixCombine(ring, x, 1, new double[] {-0.01}, new FloatBlock[] {y}),
            () -> y.mixCombine(ring, y, 1, new double[] {1, -1}, new FloatBlock[] {g, h}),
            () -> x.mixCombine(ring, x, 1, new double[] {-0.01}, new FloatBlock[] {x}),
        };
        double[][] ms = new double[kernels.length][reps];
        for (int r = -10; r < reps; r++) { // 10 rounds of warm-up
            for (int k = 0; k < kernels.length; k++) {
                long t0 = System.nanoTime();
                kernels[k].run();
                long t1 = System.nanoTime();
                if (r >= 0) {
                    ms[k][r] = (t1 - t0) / 1e6;
                }
            }
            // keep the values bounded: the ring averages, the terms would drift
            x.scaleRows(new double[] {0.5});
            y.scaleRows(new double[] {0.5});
        }
        System.out.printf(java.util.Locale.ROOT, "%d x %d floats, ring, %d interleaved repetitions%n", n, p, reps);
        double base = median(ms[0]);
        for (int k = 0; k < kernels.length; k++) {
            double[] s = ms[k].clone();
            Arrays.sort(s);
            System.out.printf(java.util.Locale.ROOT, "%-20s median %7.2f ms (quartiles %7.2f-%7.2f)  %.2fx mixInPlace%n",
                    names[k], median(ms[k]), s[reps / 4], s[3 * reps / 4], median(ms[k]) / base);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
