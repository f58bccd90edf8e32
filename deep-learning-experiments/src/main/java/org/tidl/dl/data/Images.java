package org.tidl.dl.data;

/**
 * A labelled image set held as normalized floats, row-major [count, channels·height·width] (channel-major
 * within an image, as ND4J's NCHW).
 */
public record Images(float[] pixels, int[] labels, int count, int channels, int height, int width, int classes) {

    public int features() {
        return channels * height * width;
    }

    /** The first {@code k} images (evaluation subsets). */
    public Images head(int k) {
        if (k >= count) {
            return this;
        }
        return new Images(java.util.Arrays.copyOf(pixels, k * features()), java.util.Arrays.copyOf(labels, k), k,
                channels, height, width, classes);
    }
}
