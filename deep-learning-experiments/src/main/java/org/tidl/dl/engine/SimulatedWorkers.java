package org.tidl.dl.engine;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.tidl.dl.NdWorkerMatrix;

/**
 * n workers simulated in one process: the parameters of all of them are one n × P matrix, and worker i's
 * DL4J network uses row i as its parameter array ({@code init(row, false)}: no copy), so gossip and updates
 * on the matrix are what the networks see. All workers start from the same parameters.
 */
public final class SimulatedWorkers {

    private final MultiLayerNetwork[] nets;
    private final NdWorkerMatrix params;
    private final MultiLayerConfiguration configuration;
    private NdWorkerMatrix boundGradients;

    public SimulatedWorkers(MultiLayerConfiguration conf, int workers, long seed) {
        NativeBackend.requireSupportedDevices(); // one line instead of a CUDA kernel failure on an unsupported GPU
        this.configuration = conf;
        MultiLayerNetwork probe = new MultiLayerNetwork(conf.clone());
        probe.init();
        long p = probe.numParams();
        DataType type = probe.params().dataType();
        this.params = NdWorkerMatrix.zeros(type, workers, p);
        this.nets = new MultiLayerNetwork[workers];
        for (int i = 0; i < workers; i++) {
            nets[i] = new MultiLayerNetwork(conf.clone());
            nets[i].init(params.row(i), false);
        }
        reset(seed);
    }

    /** Re-initialises every worker to the same fresh parameters (the paper's initialisation from {@code seed}). */
    public void reset(long seed) {
        Models.initialize(nets[0], seed);
        INDArray first = params.row(0);
        for (int i = 1; i < nets.length; i++) {
            params.row(i).assign(first);
        }
    }

    public int size() {
        return nets.length;
    }

    public long parameterCount() {
        return params.columns();
    }

    /** The n × P parameter matrix (rows are the networks' parameters). */
    public NdWorkerMatrix parameters() {
        return params;
    }

    public MultiLayerNetwork network(int i) {
        return nets[i];
    }

    public MultiLayerConfiguration configuration() {
        return configuration;
    }

    /**
     * Makes every network write its gradient straight into row i of {@code g} (no copy). Only rebinds when
     * {@code g} changes (gradient tracking alternates two matrices): then only the layers' views move.
     */
    void bindGradients(NdWorkerMatrix g) {
        if (g == boundGradients) {
            return;
        }
        for (int i = 0; i < nets.length; i++) {
            if (boundGradients == null) {
                nets[i].initGradientsView(); // once: DL4J's own gradient holder, whose views we then redirect
            }
            nets[i].setBackpropGradientsViewArray(g.row(i));
        }
        boundGradients = g;
    }
}
