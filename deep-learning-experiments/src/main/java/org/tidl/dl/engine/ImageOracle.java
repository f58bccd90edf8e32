package org.tidl.dl.engine;

import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tidl.api.GradientOracle;
import org.tidl.api.Seeds;
import org.tidl.api.WorkerMatrix;
import org.tidl.dl.NdWorkerMatrix;
import org.tidl.dl.data.Augmentation;
import org.tidl.dl.data.Images;
import org.tidl.dl.data.Sampler;

/**
 * Minibatch gradients of the workers' networks on an image set: worker i draws {@code batch} examples from its
 * sampler pool (optionally augmented), runs forward and backward in training mode (dropout on), and its
 * gradient lands directly in row i of the optimizer's gradient matrix. Losses are the minibatch cross-entropy.
 */
public final class ImageOracle implements GradientOracle {

    private final SimulatedWorkers workers;
    private final Images data;
    private final Sampler sampler;
    private final int batch;
    private final boolean augment;
    private final SplittableRandom[] augmentation;
    private final float[][] features;
    private final float[][] labels;
    private final float[] padding;
    private final int threads;

    /**
     * @param seed  the cell's seed; worker i augments from the stream (seed, "augmentation", i, round)
     * @param round 0 for training, r for the r-th covariance repetition (as {@link Sampler#round})
     */
    public ImageOracle(SimulatedWorkers workers, Images data, Sampler sampler, int batch, boolean augment, long seed,
                       long round) {
        this.workers = workers;
        this.data = data;
        this.sampler = sampler;
        this.batch = batch;
        this.augment = augment;
        this.augmentation = new SplittableRandom[workers.size()];
        for (int i = 0; i < augmentation.length; i++) {
            augmentation[i] = Seeds.stream(seed, "augmentation", i, round);
        }
        // Workers' forward/backward passes are independent: they run on all cores, one Java thread each with
        // its own buffers (pair with OMP_NUM_THREADS=1, which the launcher sets: small GEMMs lose to OpenMP
        // overhead). Every worker has its own random streams, so the result does not depend on the threads.
        this.threads = Math.max(1, Math.min(workers.size(), Runtime.getRuntime().availableProcessors()));
        this.features = new float[threads][batch * data.features()];
        this.labels = new float[threads][batch * data.classes()];
        this.padding = data.channels() == 3 ? Augmentation.cifarPadding() : new float[data.channels()];
    }

    @Override
    public void gradients(WorkerMatrix x, WorkerMatrix g, double[] losses) {
        if (x != workers.parameters()) {
            throw new IllegalArgumentException("the deep-learning oracle evaluates at the workers' own parameter matrix");
        }
        workers.bindGradients((NdWorkerMatrix) g);
        int f = data.features();
        NdWorkerMatrix grads = (NdWorkerMatrix) g;
        DataType type = ((NdWorkerMatrix) x).array().dataType();
        java.util.stream.IntStream.range(0, threads).parallel().forEach(part -> {
            float[] feat = features[part];
            float[] lab = labels[part];
            for (int i = part; i < workers.size(); i += threads) {
                int[] idx = sampler.next(i, batch);
                java.util.Arrays.fill(lab, 0f);
                for (int k = 0; k < batch; k++) {
                    if (augment) {
                        Augmentation.cropAndFlip(data.pixels(), idx[k] * f, feat, k * f, data.channels(), data.height(),
                                data.width(), padding, augmentation[i]);
                    } else {
                        System.arraycopy(data.pixels(), idx[k] * f, feat, k * f, f);
                    }
                    lab[k * data.classes() + data.labels()[idx[k]]] = 1f;
                }
                MultiLayerNetwork net = workers.network(i);
                INDArray in = Nd4j.create(feat, new long[] {batch, f}, 'c');
                INDArray out = Nd4j.create(lab, new long[] {batch, data.classes()}, 'c');
                if (in.dataType() != type) {
                    in = in.castTo(type);
                    out = out.castTo(type);
                }
                net.setInput(in);
                net.setLabels(out);
                net.computeGradientAndScore();
                // DL4J leaves the minibatch sum in the gradient (its updater divides later); we bypass the updater
                grads.row(i).divi(batch);
                losses[i] = net.score();
            }
        });
    }
}
