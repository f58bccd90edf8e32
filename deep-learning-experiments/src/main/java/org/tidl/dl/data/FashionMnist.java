package org.tidl.dl.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.tidl.dl.spi.DatasetProvider;
import org.tidl.dl.spi.DatasetShape;

/**
 * Fashion-MNIST from the IDX files of Debian's {@code dataset-fashion-mnist} package
 * ({@code /usr/share/datasets/fashion-mnist}): {@code train-images-idx3-ubyte.gz} and friends, gzipped or
 * not. Pixels are scaled to [0, 1] and normalized with the paper's mean 0.2860 and std 0.3530.
 */
public final class FashionMnist {

    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    static final String HOW = "install Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or pass {data-dir}";
    public static final float MEAN = 0.2860f;
    public static final float STD = 0.3530f;

    private FashionMnist() {
    }

    public static Images train(Path dir) {
        return read(dir, "train");
    }

    public static Images test(Path dir) {
        return read(dir, "t10k");
    }

    /**
     * The training and the test set, checked to hold images of one shape (a model is built for the training
     * images; test images of another size would fail only at the first evaluation).
     */
    public static Images[] trainAndTest(Path dir) {
        Images train = train(dir);
        Images test = test(dir);
        if (test.height() != train.height() || test.width() != train.width()) {
            throw DataError.of(find(dir, "t10k-images-idx3-ubyte"), String.format(Locale.ROOT,
                    "images are %dx%d but the training images (%s) are %dx%d", test.height(), test.width(),
                    find(dir, "train-images-idx3-ubyte").getFileName(), train.height(), train.width()), HOW);
        }
        return new Images[] {train, test};
    }

    /** {@code fashion-mnist}, the built-in {@link DatasetProvider}. */
    public static final class Provider implements DatasetProvider {
        @Override public String name() { return "fashion-mnist"; }
        @Override public String description() { return "Fashion-MNIST, 28x28 grey images of 10 kinds of clothing (IDX files, gzipped or not)"; }
        @Override public DatasetShape shape() { return new DatasetShape(1, 28, 28, 10, 60_000, 10_000); }
        @Override public Path defaultDirectory() { return DEFAULT_DIR; }

        @Override
        public List<Path> files(Path dir) {
            List<Path> out = new ArrayList<>();
            for (String base : new String[] {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte"}) {
                Path gz = dir.resolve(base + ".gz");
                out.add(Files.isRegularFile(gz) ? gz : dir.resolve(base));
            }
            return out;
        }

        @Override
        public Split load(Path dir) {
            Images[] both = trainAndTest(dir);
            return new Split(both[0], both[1]);
        }
    }

    static Images read(Path dir, String prefix) {
        Path images = find(dir, prefix + "-images-idx3-ubyte");
        Path labels = find(dir, prefix + "-labels-idx1-ubyte");
        int[][] shape = new int[1][];
        byte[] px = idx(images, 0x803, shape);
        int count = shape[0][0];
        int h = shape[0][1];
        int w = shape[0][2];
        byte[] lb = idx(labels, 0x801, shape);
        if (shape[0][0] != count) {
            throw DataError.of(labels, shape[0][0] + " labels for " + count + " images", HOW);
        }
        float[] pixels = new float[px.length];
        for (int i = 0; i < px.length; i++) {
            pixels[i] = ((px[i] & 0xff) / 255f - MEAN) / STD;
        }
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            y[i] = lb[i] & 0xff;
            if (y[i] > 9) {
                throw DataError.of(labels, "label " + y[i] + " at record " + i + " is not in 0..9", HOW);
            }
        }
        return new Images(pixels, y, count, 1, h, w, 10);
    }

    private static Path find(Path dir, String base) {
        for (String name : new String[] {base + ".gz", base}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw DataError.of(dir.resolve(base + ".gz"), "not found", HOW);
    }

    /**
     * Reads an IDX file; {@code shape[0]} receives its dimensions. A gzipped file is read through to its end, so
     * that every member's CRC-32 and length trailer are checked, and anything after the gzip data is refused
     * (Commons Compress's reader does both; the JDK's GZIPInputStream silently ignores trailing bytes). The data
     * must be exactly as long as the header says: a short file is truncated, a long one corrupt.
     */
    static byte[] idx(Path file, int magic, int[][] shape) {
        boolean gzipped = file.getFileName().toString().endsWith(".gz");
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             InputStream in = gzipped ? new GzipCompressorInputStream(raw, true) : raw;
             DataInputStream d = new DataInputStream(new BufferedInputStream(in, 1 << 16))) {
            int m = d.readInt();
            if (m != magic) {
                throw DataError.of(file, String.format(Locale.ROOT, "bad IDX magic number 0x%08x, expected 0x%08x", m, magic), HOW);
            }
            int dims = magic & 0xff;
            int[] s = new int[dims];
            long total = 1;
            for (int k = 0; k < dims; k++) {
                s[k] = d.readInt();
                if (s[k] <= 0) {
                    throw DataError.of(file, "bad dimension " + s[k], HOW);
                }
                total *= s[k];
                if (total > Integer.MAX_VALUE - 16) {
                    throw DataError.of(file, "too large", HOW);
                }
            }
            // in chunks, so that a corrupt header's huge size fails at the end of the data, not at allocation
            byte[] out = d.readNBytes((int) total);
            if (out.length < total) {
                throw DataError.of(file, "truncated: " + out.length + " data bytes, the IDX header announces " + total, HOW);
            }
            long extra = 0;
            byte[] rest = new byte[1 << 16];
            for (int n; (n = d.read(rest)) >= 0; ) {
                extra += n;
            }
            if (extra > 0) {
                throw DataError.of(file, extra + " bytes after the " + total + " data bytes the IDX header announces", HOW);
            }
            shape[0] = s;
            return out;
        } catch (EOFException e) {
            throw DataError.of(file, "truncated", HOW);
        } catch (FileSystemException e) {
            throw DataError.of(file, "cannot read: " + org.tidl.core.Messages.reason(e), HOW);
        } catch (IOException e) {
            throw DataError.of(file, (gzipped ? "corrupt gzip data: " : "cannot read: ") + org.tidl.core.Messages.reason(e), HOW);
        }
    }
}
