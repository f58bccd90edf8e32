package org.tidl.dl.spi;

import java.nio.file.Path;
import java.util.List;
import org.tidl.dl.data.Images;

/**
 * A labelled image data set that experiments name with {@code dataset = NAME}. Found with
 * {@link java.util.ServiceLoader} on the class path and in the plugin jars ({@code --plugins DIR}): list the
 * class in {@code META-INF/services/org.tidl.dl.spi.DatasetProvider}; it needs a public no-argument
 * constructor. The built-ins ({@code fashion-mnist}, {@code cifar10}) register the same way.
 *
 * <p>Bad or missing files are the user's to fix: throw {@link org.tidl.core.InvalidInputException} naming the
 * file and what is wrong. Any other exception is reported as the plugin's failure, naming its jar and class.
 *
 * @since 1.0
 */
public interface DatasetProvider {

    /** The name experiments use: lower-case letters, digits and '-'. */
    String name();

    /** One line for listings. */
    default String description() {
        return "";
    }

    /** The shape of the images and the sizes of both sets, known before any file is read (memory checks). */
    DatasetShape shape();

    /** Where the files are when the experiment gives no {@code data-dir}. */
    Path defaultDirectory();

    /**
     * The files {@link #load} reads from {@code dir}, in a fixed order (what an engine ships to machines without
     * a shared file system). They need not exist: the caller reports a missing one.
     */
    List<Path> files(Path dir);

    /** Reads the training and the test set from {@code dir}, normalised as the model expects. */
    Split load(Path dir);

    /** Whether {@code augment = auto} turns on random crops and flips (as the paper does for CIFAR-10). */
    default boolean augmentByDefault() {
        return false;
    }

    /** The two sets of a data set, of one image shape. */
    record Split(Images train, Images test) { }
}
