package org.tidl.dl.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tidl.dl.spi.DatasetProvider;
import org.tidl.dl.spi.DatasetShape;

/**
 * CIFAR-10, binary version ({@code cifar-10-batches-bin}: data_batch_1..5.bin, test_batch.bin; each record is
 * 1 label byte and 3072 pixel bytes, R then G then B planes of 32×32). Our own reader: DataVec's CifarLoader
 * misspells the fifth file in M2.1. Normalized with the paper's mean (0.4914, 0.4822, 0.4465) and std
 * (0.2023, 0.1994, 0.2010).
 */
public final class Cifar10 {

    static final String HOW = "pass {data-dir} pointing at your copy of cifar-10-batches-bin (the CIFAR-10 binary version)";
    static final int RECORD = 3073;
    static final float[] MEAN = {0.4914f, 0.4822f, 0.4465f};
    static final float[] STD = {0.2023f, 0.1994f, 0.2010f};

    private Cifar10() {
    }

    public static Images train(Path dir) {
        return read(dir, "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    }

    public static Images test(Path dir) {
        return read(dir, "test_batch.bin");
    }

    /** {@code cifar10}, the built-in {@link DatasetProvider}: augmented (random crops and flips) unless told otherwise. */
    public static final class Provider implements DatasetProvider {
        static final String[] FILES = {"data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
            "data_batch_5.bin", "test_batch.bin"};

        @Override public String name() { return "cifar10"; }
        @Override public String description() { return "CIFAR-10, 32x32 colour images of 10 classes (binary version, cifar-10-batches-bin)"; }
        @Override public DatasetShape shape() { return new DatasetShape(3, 32, 32, 10, 50_000, 10_000); }
        @Override public Path defaultDirectory() { return Path.of("cifar-10-batches-bin"); }
        @Override public boolean augmentByDefault() { return true; }

        @Override
        public List<Path> files(Path dir) {
            return java.util.Arrays.stream(FILES).map(dir::resolve).toList();
        }

        @Override
        public Split load(Path dir) {
            return new Split(train(dir), test(dir));
        }
    }

    static Images read(Path dir, String... files) {
        byte[][] parts = new byte[files.length][];
        int count = 0;
        for (int f = 0; f < files.length; f++) {
            Path p = dir.resolve(files[f]);
            if (!Files.isRegularFile(p)) {
                throw DataError.of(p, "not found", HOW);
            }
            try {
                parts[f] = Files.readAllBytes(p);
            } catch (IOException e) {
                throw DataError.of(p, "cannot read: " + org.tidl.core.Messages.reason(e), HOW);
            }
            if (parts[f].length == 0 || parts[f].length % RECORD != 0) {
                throw DataError.of(p, parts[f].length + " bytes is not a whole number of 3073-byte records", HOW);
            }
            count += parts[f].length / RECORD;
        }
        float[] pixels = new float[count * 3072];
        int[] labels = new int[count];
        int r = 0;
        for (int f = 0; f < files.length; f++) {
            byte[] b = parts[f];
            for (int o = 0; o < b.length; o += RECORD, r++) {
                int label = b[o] & 0xff;
                if (label > 9) {
                    throw DataError.of(dir.resolve(files[f]), "label " + label + " at record " + (o / RECORD) + " is not in 0..9", HOW);
                }
                labels[r] = label;
                for (int c = 0; c < 3; c++) {
                    for (int k = 0; k < 1024; k++) {
                        pixels[r * 3072 + c * 1024 + k] = ((b[o + 1 + c * 1024 + k] & 0xff) / 255f - MEAN[c]) / STD[c];
                    }
                }
            }
        }
        return new Images(pixels, labels, count, 3, 32, 32, 10);
    }
}
