package org.tidl.dl.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Fashion-MNIST from the IDX files of Debian's {@code dataset-fashion-mnist} package
 * ({@code /usr/share/datasets/fashion-mnist}): {@code train-images-idx3-ubyte.gz} and friends, gzipped or
 * not. Pixels are scaled to [0, 1] and normalized with the paper's mean 0.2860 and std 0.3530.
 */
public final class FashionMnist {

    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    static final String HOW = "install Debian's dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or pass --data-dir";
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

    /** Reads an IDX file; {@code shape[0]} receives its dimensions. */
    static byte[] idx(Path file, int magic, int[][] shape) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             DataInputStream d = new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16))) {
            int m = d.readInt();
            if (m != magic) {
                throw DataError.of(file, String.format("bad IDX magic number 0x%08x, expected 0x%08x", m, magic), HOW);
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
            }
            if (total > Integer.MAX_VALUE - 16) {
                throw DataError.of(file, "too large", HOW);
            }
            byte[] out = new byte[(int) total];
            d.readFully(out);
            shape[0] = s;
            return out;
        } catch (EOFException e) {
            throw DataError.of(file, "truncated", HOW);
        } catch (ZipException e) {
            throw DataError.of(file, "corrupt gzip: " + e.getMessage(), HOW);
        } catch (IOException e) {
            throw DataError.of(file, "cannot read: " + org.tidl.core.Messages.reason(e), HOW);
        }
    }
}
