package org.tidl.dl.spi;

/**
 * The images of a data set, before it is read: {@code channels × height × width} pixels, {@code classes}
 * labels, and the number of training and test images.
 *
 * @since 1.0
 */
public record DatasetShape(int channels, int height, int width, int classes, int trainImages, int testImages) {

    /** Pixels per image. */
    public long features() {
        return (long) channels * height * width;
    }
}
