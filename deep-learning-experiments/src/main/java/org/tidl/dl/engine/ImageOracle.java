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
 * Dropout masks are drawn from {@code Seeds.derive(seed, "dropout", worker, call)}, call counting this oracle's
 * gradient evaluations, so a run is reproducible whatever the threads. The paper's models run on
 * {@link FusedNetwork} (the same numbers as DL4J's layers to float rounding, several times faster), anything
 * else on DL4J.
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
    private final int[][] classes;
    private final FusedNetwork fused;
    private final FusedNetwork.Workspace[] fusedBuffers;
    private final float[] padding;
    private final int threads;
    private final long seed;
    private long calls;
    private INDArray[] saved; // per thread, one row: the iterate's row while a worker is evaluated elsewhere

    /**
     * @param seed  the cell's seed; worker i augments from the stream (seed, "augmentation", i, round)
     * @param round 0 for training, r for the r-th covariance repetition (as {@link Sampler#round})
     */
    public ImageOracle(SimulatedWorkers workers, Images data, Sampler sampler, int batch, boolean augment, long seed,
                       long round) {
        this(workers, data, sampler, batch, augment, seed, round, true);
    }

    /**
     * As above; {@code fused = false} keeps the networks on DL4J's layers instead of {@link FusedNetwork} (the
     * same numbers to float rounding but dropout masks, slower: for tests and benchmarks).
     */
    public ImageOracle(SimulatedWorkers workers, Images data, Sampler sampler, int batch, boolean augment, long seed,
                       long round, boolean fused) {
        this.workers = workers;
        this.data = data;
        this.sampler = sampler;
        this.batch = batch;
        this.augment = augment;
        // a covariance repetition r draws its own dropout masks; training (round 0) keeps (seed, worker, call)
        this.seed = round == 0 ? seed : Seeds.derive(seed, "covariance-round", round);
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
        this.classes = new int[threads][batch];
        this.fused = fused ? FusedNetwork.of(workers.configuration()) : null;
        this.fusedBuffers = new FusedNetwork.Workspace[threads];
        for (int t = 0; this.fused != null && t < threads; t++) {
            fusedBuffers[t] = this.fused.workspace(batch);
        }
        this.padding = data.channels() == 3 ? Augmentation.cifarPadding() : new float[data.channels()];
    }

    /**
     * Any point costs what the iterate does on {@link FusedNetwork} (it reads the parameters it is given); on DL4J's
     * layers each network reads its parameters from its row of the iterate, so a point elsewhere is copied in and
     * the iterate's row restored afterwards.
     */
    @Override
    public Cost cost() {
        return fused != null ? Cost.SAME_AT_ANY_POINT : Cost.COPIES_AWAY_FROM_ITERATE;
    }

    /**
     * The contract of {@link GradientOracle#gradients}: {@code at} is the workers' parameter matrix (the iterate) or
     * any matrix of its shape and backend; the iterate is left as it was.
     */
    @Override
    public void gradients(WorkerMatrix at, WorkerMatrix g, double[] losses) {
        pass(at, g, losses, 1f, false);
    }

    /**
     * On the fused MLP the gradients are added into {@code sum} by its GEMMs (α = s, β = 1), never stored: one
     * read and write of the sum instead of a gradient written, read back and added. Elsewhere the default.
     */
    @Override
    public void addGradients(WorkerMatrix at, double s, WorkerMatrix sum, WorkerMatrix scratch, double[] losses) {
        if (fused != null && fused.adds() && sum != scratch) {
            pass(at, sum, losses, (float) s, true);
        } else {
            GradientOracle.super.addGradients(at, s, sum, scratch, losses);
        }
    }

    /** The gradients at {@code at} written into g, or (a network that {@link FusedNetwork#adds()}) s times them added. */
    private void pass(WorkerMatrix at, WorkerMatrix g, double[] losses, float s, boolean add) {
        NdWorkerMatrix iterate = workers.parameters();
        if (!(at instanceof NdWorkerMatrix) || !(g instanceof NdWorkerMatrix)) {
            throw new IllegalArgumentException("the deep-learning oracle takes matrices of its own backend (ND4J), got "
                    + at.getClass().getName() + " and " + g.getClass().getName());
        }
        if (at.rows() != iterate.rows() || at.columns() != iterate.columns() || g.rows() != iterate.rows()
                || g.columns() != iterate.columns()) {
            throw new IllegalArgumentException("the points and gradients must be " + iterate.rows() + " x "
                    + iterate.columns() + " (workers x parameters)");
        }
        if (g == at || g == iterate) {
            throw new IllegalArgumentException("the gradient matrix must differ from the point and from the iterate");
        }
        boolean away = at != iterate;
        int f = data.features();
        NdWorkerMatrix params = (NdWorkerMatrix) at;
        NdWorkerMatrix grads = (NdWorkerMatrix) g;
        if (fused == null) {
            workers.bindGradients(grads);
            if (away && saved == null) {
                saved = new INDArray[threads];
                for (int t = 0; t < threads; t++) {
                    saved[t] = Nd4j.create(iterate.array().dataType(), 1, iterate.columns());
                }
            }
        }
        DataType type = iterate.array().dataType();
        long call = calls++;
        java.util.stream.IntStream.range(0, threads).parallel().forEach(part -> {
            float[] feat = features[part];
            float[] lab = labels[part];
            int[] cls = classes[part];
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
                    cls[k] = data.labels()[idx[k]];
                    lab[k * data.classes() + cls[k]] = 1f;
                }
                // dropout masks depend only on (seed, worker, call), not on which thread runs worker i
                long dropoutSeed = Seeds.derive(seed, "dropout", i, call);
                if (fused != null) {
                    SplittableRandom masks = Seeds.stream(dropoutSeed, "fused-dropout", 0);
                    losses[i] = add
                            ? fused.addGradient(params.array(), grads.array(), i, s, feat, cls, fusedBuffers[part], masks)
                            : fused.gradient(params.array(), grads.array(), i, feat, cls, fusedBuffers[part], masks);
                    continue;
                }
                if (away) { // the network reads row i of the iterate: put the point there, restore it below
                    saved[part].assign(iterate.row(i));
                    iterate.row(i).assign(params.row(i));
                }
                try {
                    losses[i] = dl4jGradient(workers.network(i), feat, lab, type, dropoutSeed, grads, i);
                } finally {
                    if (away) {
                        iterate.row(i).assign(saved[part]);
                    }
                }
            }
        });
    }

    /** One worker's minibatch gradient on DL4J's layers, into row i of {@code grads}; returns its loss. */
    private double dl4jGradient(MultiLayerNetwork net, float[] feat, float[] lab, DataType type, long dropoutSeed,
                                NdWorkerMatrix grads, int i) {
        int f = data.features();
        // DL4J's dropout draws from ND4J's random generator of the running thread (time-seeded, never
        // reseeded): reseed it
        Nd4j.getRandom().setSeed(dropoutSeed);
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
        return net.score();
    }
}
