package org.tidl.dl.spi;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A network that experiments name with {@code model = NAME}: a DL4J configuration for the data set's image
 * shape. Found with {@link java.util.ServiceLoader} on the class path and in the plugin jars
 * ({@code --plugins DIR}): list the class in {@code META-INF/services/org.tidl.dl.spi.ModelProvider}; it needs
 * a public no-argument constructor. The built-ins ({@code mlp}, {@code vgg11}) register the same way.
 *
 * <p>Every worker holds one network of this configuration; the optimizer plugins update its flattened
 * parameters, so the configuration's own updater is never called. The parameters are initialised by the
 * project's rule (torch's defaults for dense layers), from the cell's seed.
 *
 * @since 1.0
 */
public interface ModelProvider {

    /** The name experiments use: lower-case letters, digits and '-'. */
    String name();

    /** One line for listings. */
    default String description() {
        return "";
    }

    /**
     * The network for images of {@code channels × height × width} and {@code classes} labels, in {@code type}.
     *
     * @param hidden the experiment's {@code hidden} key (a width; models without one ignore it)
     */
    MultiLayerConfiguration configuration(int channels, int height, int width, int classes, int hidden, DataType type);

    /** The input type DL4J's memory report needs for this network. */
    default InputType inputType(int channels, int height, int width) {
        return InputType.convolutionalFlat(height, width, channels);
    }

    /** Whether {@link #configuration} uses {@code hidden} (messages name it among the settings to change). */
    default boolean usesHidden() {
        return false;
    }

    /**
     * The data set whose image shape {@code bench-dl} gives this model's random images (the paper pairs the MLP
     * with Fashion-MNIST and VGG-11 with CIFAR-10).
     */
    default String pairedDataset() {
        return "fashion-mnist";
    }

    /** The network in words for messages, e.g. "MLP 784-5000-10". */
    default String label(int channels, int height, int width, int classes, int hidden) {
        return name();
    }
}
