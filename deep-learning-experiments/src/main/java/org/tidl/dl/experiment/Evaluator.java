package org.tidl.dl.experiment;

import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tidl.dl.data.Images;

/**
 * Loss and accuracy of one parameter vector on a whole image set, in inference mode (dropout off:
 * {@code output(x, false)}). The parameters are a 1 × P array that several networks share as their parameter
 * view, one per core, each evaluating its own chunks; the sums are combined in chunk order, so the result
 * does not depend on the thread count.
 */
final class Evaluator {

    record Metrics(double loss, double accuracy) { }

    private static final int CHUNK = 500;

    private final INDArray params;
    private final MultiLayerNetwork[] nets;

    Evaluator(MultiLayerConfiguration conf, DataType type, long parameterCount) {
        this.params = Nd4j.zeros(type, 1, parameterCount);
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.nets = new MultiLayerNetwork[threads];
        for (int i = 0; i < threads; i++) {
            nets[i] = new MultiLayerNetwork(conf.clone());
            nets[i].init(params, false);
        }
    }

    /** The parameters evaluated (write into them: EMA updates, or a copy of a worker's row). */
    INDArray parameters() {
        return params;
    }

    Metrics evaluate(Images data) {
        int chunks = (data.count() + CHUNK - 1) / CHUNK;
        double[] loss = new double[chunks];
        long[] correct = new long[chunks];
        int f = data.features();
        IntStream.range(0, nets.length).parallel().forEach(part -> {
            for (int c = part; c < chunks; c += nets.length) {
                int from = c * CHUNK;
                int to = Math.min(data.count(), from + CHUNK);
                float[] x = java.util.Arrays.copyOfRange(data.pixels(), from * f, to * f);
                INDArray in = Nd4j.create(x, new long[] {to - from, f}, 'c');
                if (in.dataType() != params.dataType()) {
                    in = in.castTo(params.dataType());
                }
                float[] p = nets[part].output(in, false).castTo(DataType.FLOAT).data().asFloat();
                int k = data.classes();
                double l = 0;
                long ok = 0;
                for (int r = 0; r < to - from; r++) {
                    int y = data.labels()[from + r];
                    int best = 0;
                    for (int j = 1; j < k; j++) {
                        if (p[r * k + j] > p[r * k + best]) {
                            best = j;
                        }
                    }
                    ok += best == y ? 1 : 0;
                    // the softmax output can round to 0 for a confidently wrong example: floor it (loss ≤ 103)
                    l -= Math.log(Math.max(p[r * k + y], Float.MIN_VALUE));
                }
                loss[c] = l;
                correct[c] = ok;
            }
        });
        double l = 0;
        long ok = 0;
        for (int c = 0; c < chunks; c++) {
            l += loss[c];
            ok += correct[c];
        }
        return new Metrics(l / data.count(), (double) ok / data.count());
    }
}
