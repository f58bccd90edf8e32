package org.tidl.dl.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.tidl.dl.data.FashionMnist;
import org.tidl.dl.data.Images;

/** The real Fashion-MNIST the end-to-end tests train on (Debian's dataset-fashion-mnist, installed by .ci/run). */
final class FashionMnistData {

    private FashionMnistData() {
    }

    /** The first {@code trainExamples} training and {@code testExamples} test images (all of them when fewer). */
    static Images[] head(int trainExamples, int testExamples) {
        assertThat(FashionMnist.DEFAULT_DIR.resolve("train-images-idx3-ubyte.gz"))
                .as("Fashion-MNIST: apt-get install dataset-fashion-mnist (.ci/run does)").exists();
        return new Images[] {FashionMnist.train(FashionMnist.DEFAULT_DIR).head(trainExamples),
                FashionMnist.test(FashionMnist.DEFAULT_DIR).head(testExamples)};
    }
}
