package org.tidl.dl.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tidl.core.InvalidInputException;

/**
 * The data readers refuse corrupt files up front, with one line naming the file: gzip CRC, length trailer and
 * trailing bytes, IDX headers that do not match the data, train/test shapes that differ, CIFAR-10 records.
 */
class DataFilesTest {

    private static final int N = 50; // images per file
    private static final int SIDE = 28;

    /** An IDX file: magic, dims, then {@code body}. */
    static byte[] idx(int magic, int[] dims, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + body.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(body);
        return b.array();
    }

    static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bo)) {
            out.write(data);
        }
        return bo.toByteArray();
    }

    static byte[] pixels(int count, int h, int w, long seed) {
        byte[] px = new byte[count * h * w];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (rng.nextInt(4) == 0 ? rng.nextInt(256) : 0); // mostly black, as Fashion-MNIST
        }
        return px;
    }

    static byte[] labels(int count) {
        byte[] y = new byte[count];
        for (int i = 0; i < count; i++) {
            y[i] = (byte) (i % 10);
        }
        return y;
    }

    /** A complete, valid set: train and t10k images and labels, gzipped as Debian ships them. */
    static void writeSet(Path dir, int trainSide, int testSide) throws Exception {
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(idx(0x803, new int[] {N, trainSide, trainSide}, pixels(N, trainSide, trainSide, 1))));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(idx(0x801, new int[] {N}, labels(N))));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(idx(0x803, new int[] {N, testSide, testSide}, pixels(N, testSide, testSide, 2))));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(idx(0x801, new int[] {N}, labels(N))));
    }

    private static void assertRefused(Path dir, Path file, String... fragments) {
        assertThatThrownBy(() -> FashionMnist.trainAndTest(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("data file " + file)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains(fragments));
    }

    @Test
    void validFilesAreRead(@TempDir Path dir) throws Exception {
        writeSet(dir, SIDE, SIDE);
        Images[] both = FashionMnist.trainAndTest(dir);
        assertThat(both[0].count()).isEqualTo(N);
        assertThat(both[1].height()).isEqualTo(SIDE);
        assertThat(both[1].labels()[13]).isEqualTo(3);
        byte[] px = pixels(N, SIDE, SIDE, 2);
        assertThat(both[1].pixels()[777]).isEqualTo(((px[777] & 0xff) / 255f - FashionMnist.MEAN) / FashionMnist.STD);
    }

    /** Each corruption of a gzip file that the JDK's reader (as used before) let through, or that failed late. */
    @Test
    void corruptGzipIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        writeSet(dir, SIDE, SIDE);
        Path images = dir.resolve("t10k-images-idx3-ubyte.gz");
        byte[] good = Files.readAllBytes(images);
        int n = good.length;

        byte[] crc = good.clone();
        crc[n - 7] ^= 0x01; // CRC-32 of the trailer
        Files.write(images, crc);
        assertRefused(dir, images, "corrupt gzip data", "CRC32");

        byte[] length = good.clone();
        length[n - 3] ^= 0x01; // ISIZE of the trailer
        Files.write(images, length);
        assertRefused(dir, images, "corrupt gzip data", "size mismatch");

        byte[] flipped = good.clone();
        flipped[n / 2] ^= 0x20; // inside the deflate data
        Files.write(images, flipped);
        assertRefused(dir, images, "corrupt gzip data");

        for (byte[] tail : new byte[][] {new byte[7], "garbage after the data".getBytes(), {0x1f}}) {
            byte[] trailing = Arrays.copyOf(good, n + tail.length);
            System.arraycopy(tail, 0, trailing, n, tail.length);
            Files.write(images, trailing);
            assertRefused(dir, images, "corrupt gzip data", "Garbage after a valid .gz stream");
        }

        Files.write(images, Arrays.copyOf(good, n - 4));
        assertRefused(dir, images, "truncated");

        Files.write(images, idx(0x803, new int[] {N, SIDE, SIDE}, pixels(N, SIDE, SIDE, 2))); // not gzip at all
        assertRefused(dir, images, "corrupt gzip data", "not in the .gz format");

        // two gzip members back to back are one valid stream (as `cat a.gz b.gz` makes)
        byte[] whole = idx(0x803, new int[] {N, SIDE, SIDE}, pixels(N, SIDE, SIDE, 2));
        byte[] first = gzip(Arrays.copyOf(whole, 1000));
        byte[] second = gzip(Arrays.copyOfRange(whole, 1000, whole.length));
        byte[] members = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, members, first.length, second.length);
        Files.write(images, good);
        float[] expected = FashionMnist.test(dir).pixels();
        Files.write(images, members);
        assertThat(FashionMnist.test(dir).pixels()).isEqualTo(expected);
    }

    /** The IDX header must describe the data exactly, for gzipped and plain files. */
    @Test
    void idxHeadersMustMatchTheirData(@TempDir Path dir) throws Exception {
        writeSet(dir, SIDE, SIDE);
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] body = pixels(N, SIDE, SIDE, 1);
        Files.write(images, gzip(idx(0x803, new int[] {N, SIDE, SIDE}, Arrays.copyOf(body, body.length + 100))));
        assertRefused(dir, images, "100 bytes after the " + body.length + " data bytes the IDX header announces");
        Files.write(images, gzip(idx(0x803, new int[] {N + 1, SIDE, SIDE}, body)));
        assertRefused(dir, images, "truncated", "the IDX header announces " + (N + 1) * SIDE * SIDE);
        // a header whose counts were corrupted into a huge size fails at the data's end, not at allocation
        Files.write(images, gzip(idx(0x803, new int[] {N, 40000, 40000}, body)));
        assertRefused(dir, images, "too large");
        Files.write(images, gzip(idx(0x803, new int[] {N, 0, SIDE}, body)));
        assertRefused(dir, images, "bad dimension 0");
        Files.write(images, gzip(idx(0x801, new int[] {N}, body)));
        assertRefused(dir, images, "bad IDX magic number 0x00000801");
        Files.write(images, gzip(idx(0x803, new int[] {N, SIDE, SIDE}, body)));

        Path labels = dir.resolve("train-labels-idx1-ubyte.gz");
        Files.write(labels, gzip(idx(0x801, new int[] {N - 1}, labels(N - 1))));
        assertRefused(dir, labels, (N - 1) + " labels for " + N + " images");
        byte[] bad = labels(N);
        bad[7] = 10;
        Files.write(labels, gzip(idx(0x801, new int[] {N}, bad)));
        assertRefused(dir, labels, "label 10 at record 7 is not in 0..9");

        // plain (not gzipped) files get the same length check
        Files.delete(labels);
        Path plain = dir.resolve("train-labels-idx1-ubyte");
        Files.write(plain, idx(0x801, new int[] {N}, Arrays.copyOf(labels(N), N + 3)));
        assertRefused(dir, plain, "3 bytes after the " + N + " data bytes");
        Files.write(plain, idx(0x801, new int[] {N}, labels(N)));
        assertThat(FashionMnist.trainAndTest(dir)[0].count()).isEqualTo(N);
    }

    /** A model is built for the training images; test images of another size are refused before any training. */
    @Test
    void trainAndTestImagesMustHaveOneShape(@TempDir Path dir) throws Exception {
        writeSet(dir, SIDE, 32);
        assertRefused(dir, dir.resolve("t10k-images-idx3-ubyte.gz"),
                "images are 32x32 but the training images (train-images-idx3-ubyte.gz) are 28x28");
    }

    @Test
    void cifarRecordsAndLabelsAreChecked(@TempDir Path dir) throws Exception {
        byte[] rec = new byte[3 * Cifar10.RECORD];
        rec[0] = 9;
        rec[Cifar10.RECORD] = 0;
        rec[2 * Cifar10.RECORD] = 10;
        Path test = dir.resolve("test_batch.bin");
        Files.write(test, rec);
        assertThatThrownBy(() -> Cifar10.test(dir)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("data file " + test).hasMessageContaining("label 10 at record 2 is not in 0..9");
        Files.write(test, Arrays.copyOf(rec, 2 * Cifar10.RECORD + 1));
        assertThatThrownBy(() -> Cifar10.test(dir)).hasMessageContaining("data file " + test)
                .hasMessageContaining(2 * Cifar10.RECORD + 1 + " bytes is not a whole number of 3073-byte records");
        Files.write(test, new byte[0]);
        assertThatThrownBy(() -> Cifar10.test(dir)).hasMessageContaining("0 bytes is not a whole number");
        Files.write(test, Arrays.copyOf(rec, 2 * Cifar10.RECORD));
        assertThat(Cifar10.test(dir).labels()).containsExactly(9, 0);
    }
}
