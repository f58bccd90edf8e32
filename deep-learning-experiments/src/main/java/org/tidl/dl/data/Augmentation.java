package org.tidl.dl.data;

import java.util.SplittableRandom;

/**
 * CIFAR-10 training augmentation as the paper's code: RandomCrop(32, padding = 4) then RandomHorizontalFlip.
 * It works on normalized pixels, so the zero padding of the raw image becomes −mean_c/std_c per channel.
 */
public final class Augmentation {

    private Augmentation() {
    }

    /** Writes the augmented image {@code src} (C×H×W at offset {@code from}) to {@code dst} at {@code to}. */
    public static void cropAndFlip(float[] src, int from, float[] dst, int to, int c, int h, int w, float[] padValue,
                                   SplittableRandom rng) {
        int dy = rng.nextInt(9) - 4;
        int dx = rng.nextInt(9) - 4;
        boolean flip = rng.nextBoolean();
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                int sy = y + dy;
                for (int x = 0; x < w; x++) {
                    int sx = (flip ? w - 1 - x : x) + dx;
                    dst[to + (ch * h + y) * w + x] = sy < 0 || sy >= h || sx < 0 || sx >= w ? padValue[ch]
                            : src[from + (ch * h + sy) * w + sx];
                }
            }
        }
    }

    /** Per-channel value of a raw 0 pixel after normalization. */
    public static float[] cifarPadding() {
        float[] p = new float[3];
        for (int ch = 0; ch < 3; ch++) {
            p[ch] = -Cifar10.MEAN[ch] / Cifar10.STD[ch];
        }
        return p;
    }
}
