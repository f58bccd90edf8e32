package org.tidl.dl.engine;

import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.tidl.api.Seeds;
import org.tidl.dl.DlExtensions;
import org.tidl.dl.spi.DatasetShape;
import org.tidl.dl.spi.ModelProvider;

/**
 * The paper's networks as DL4J configurations, and the paper code's initialisation rule.
 * <ul>
 *   <li>{@code mlp}: Flatten → Linear(784, hidden) → ReLU → Linear(hidden, 10) (hidden = 5000: 3,975,010
 *       parameters), the Fashion-MNIST model;</li>
 *   <li>{@code vgg11}: VGG-11 without BatchNorm, cfg A [64, M, 128, M, 256, 256, M, 512, 512, M, 512, 512, M],
 *       3×3 convolutions with padding 1 and ReLU, 2×2 max pooling, classifier Dropout → Linear(512, 512) →
 *       ReLU → Dropout → Linear(512, 512) → ReLU → Linear(512, 10): 9,750,922 parameters.</li>
 * </ul>
 * Both register as {@link ModelProvider}s ({@link Mlp}, {@link Vgg11}); experiments find them by name through
 * {@link DlExtensions}. The optimizer plugins do the updates, so DL4J's own updater is a no-op SGD(0) and never called.
 */
public final class Models {

    private Models() {
    }

    /** The configuration of a built-in model ({@link DlExtensions}) for inputs of {@code channels × height × width}. */
    public static MultiLayerConfiguration configuration(String model, int hidden, int channels, int height, int width,
                                                        int classes, DataType type) {
        return DlExtensions.builtIn().model(model).configuration(channels, height, width, classes, hidden, type);
    }

    /** The input type of a built-in model for memory reports ({@link MemoryEstimate}). */
    public static InputType inputType(String model, int channels, int height, int width) {
        return DlExtensions.builtIn().model(model).inputType(new DatasetShape(channels, height, width, 0, 0, 0));
    }

    /** {@code mlp}: Flatten → Linear(features, hidden) → ReLU → Linear(hidden, classes). */
    public static final class Mlp implements ModelProvider {
        @Override public String name() { return "mlp"; }
        @Override public String description() { return "Flatten, Linear(features, hidden), ReLU, Linear(hidden, classes): the paper's Fashion-MNIST model"; }
        @Override public boolean usesHidden() { return true; }

        @Override
        public MultiLayerConfiguration configuration(int channels, int height, int width, int classes, int hidden,
                                                     DataType type) {
            return builder(type)
                    .layer(new DenseLayer.Builder().nIn(channels * height * width).nOut(hidden).activation(Activation.RELU).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(hidden).nOut(classes)
                            .activation(Activation.SOFTMAX).build())
                    .build();
        }

        @Override
        public InputType inputType(int channels, int height, int width) {
            return InputType.feedForward((long) channels * height * width);
        }

        @Override
        public String label(int channels, int height, int width, int classes, int hidden) {
            return "MLP " + (long) channels * height * width + "-" + hidden + "-" + classes;
        }
    }

    /** {@code vgg11}: VGG-11 without BatchNorm, dropout 0.5 in the classifier. */
    public static final class Vgg11 implements ModelProvider {
        @Override public String name() { return "vgg11"; }
        @Override public String description() { return "VGG-11 without BatchNorm (cfg A), dropout 0.5: the paper's CIFAR-10 model"; }
        @Override public String pairedDataset() { return "cifar10"; }
        @Override public String label(int channels, int height, int width, int classes, int hidden) { return "VGG-11"; }

        @Override
        public MultiLayerConfiguration configuration(int channels, int height, int width, int classes, int hidden,
                                                     DataType type) {
            return vgg11(builder(type), channels, height, width, classes, 0.5);
        }
    }

    /** Parameters of one network of this configuration, counted without allocating it. */
    public static long parameterCount(MultiLayerConfiguration conf) {
        long p = 0;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            NeuralNetConfiguration layer = conf.getConf(i);
            p += layer.getLayer().initializer().numParams(layer);
        }
        return p;
    }

    /** VGG-11 (cfg A, no BatchNorm) on {@code b}; {@code retain} is the dropout keep probability (1: none). */
    private static MultiLayerConfiguration vgg11(NeuralNetConfiguration.ListBuilder b, int channels, int height, int width,
                                                 int classes, double retain) {
        int[] cfg = {64, -1, 128, -1, 256, 256, -1, 512, 512, -1, 512, 512, -1};
        for (int c : cfg) {
            if (c < 0) {
                b.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build());
            } else {
                b.layer(new ConvolutionLayer.Builder(3, 3).nOut(c).stride(1, 1).padding(1, 1)
                        .activation(Activation.RELU).build());
            }
        }
        // DL4J's dropOut(p) keeps inputs with probability p: 0.5, as torch's Dropout(0.5)
        DenseLayer.Builder d1 = new DenseLayer.Builder().nOut(512).activation(Activation.RELU);
        DenseLayer.Builder d2 = new DenseLayer.Builder().nOut(512).activation(Activation.RELU);
        if (retain < 1) {
            d1.dropOut(retain);
            d2.dropOut(retain);
        }
        b.layer(d1.build()).layer(d2.build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                        .activation(Activation.SOFTMAX).build());
        b.setInputType(InputType.convolutionalFlat(height, width, channels));
        return b.build();
    }

    /** VGG-11 with the given dropout keep probability (tests compare with and without dropout). */
    static MultiLayerConfiguration vgg11(int channels, int height, int width, int classes, DataType type, double retain) {
        return vgg11(builder(type), channels, height, width, classes, retain);
    }

    private static NeuralNetConfiguration.ListBuilder builder(DataType type) {
        return new NeuralNetConfiguration.Builder()
                .seed(1).dataType(type).updater(new Sgd(0)).list();
    }

    /**
     * Overwrites the parameters with the paper code's initialisation, from the stream (seed, "initialisation")
     * of {@link Seeds}: convolutions
     * N(0, √(2/(9·out_channels))) with zero bias; linear layers torch's default, weight and bias
     * U(−1/√fan_in, 1/√fan_in).
     */
    public static void initialize(MultiLayerNetwork net, long seed) {
        SplittableRandom rng = Seeds.stream(seed, "initialisation", 0);
        for (Layer layer : net.getLayers()) {
            Map<String, INDArray> table = layer.paramTable();
            INDArray w = table.get("W");
            INDArray b = table.get("b");
            if (w == null) {
                continue;
            }
            boolean conv = w.rank() == 4;
            double fanIn = conv ? w.size(1) * w.size(2) * w.size(3) : w.size(0);
            double std = conv ? Math.sqrt(2.0 / (9 * w.size(0))) : 0;
            double bound = 1 / Math.sqrt(fanIn);
            fill(w, () -> conv ? std * rng.nextGaussian() : bound * (2 * rng.nextDouble() - 1));
            if (b != null) {
                fill(b, () -> conv ? 0 : bound * (2 * rng.nextDouble() - 1));
            }
        }
    }

    private static void fill(INDArray a, java.util.function.DoubleSupplier f) {
        double[] v = new double[(int) a.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.getAsDouble();
        }
        a.assign(Nd4j.createFromArray(v).castTo(a.dataType()).reshape(a.ordering(), a.shape()));
    }
}
