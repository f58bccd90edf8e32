package org.tidl.dl.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tidl.core.InvalidInputException;

/**
 * Which native ND4J build this process runs, and whether it can run on this machine's GPU.
 *
 * <p>CPU: {@code nd4j-native} 1.0.0-M2.1 comes as several builds of libnd4j (portable {@code linux-x86_64}, and
 * {@code -avx2}, {@code -avx512}, {@code -onednn*} variants); exactly one is on the class path, chosen by the
 * {@code ./tidl} launcher from the CPU's flags (or {@code TIDL_ND4J_VARIANT}).
 *
 * <p>CUDA: {@code nd4j-cuda-11.6} 1.0.0-M2.1 contains machine code for compute capabilities 3.7 to 8.6 and no
 * PTX, so a newer GPU (Hopper, 9.0, and later) cannot run a single kernel. {@link #requireSupportedDevices()}
 * refuses such a GPU with one line before any work starts.
 */
public final class NativeBackend {

    /**
     * The compute capabilities nd4j-cuda-11.6 1.0.0-M2.1 has kernels for, as major·10 + minor: 3.7 to 8.6.
     * Machine code for X.y also runs on X.z, z ≥ y (so 8.9 runs the 8.6 code); without PTX nothing runs on a
     * newer major version.
     */
    public static final int CUDA_MIN = 37;
    public static final int CUDA_MAX = 86;

    private static final Pattern CPU_JAR = Pattern.compile("nd4j-native-[0-9][^/" + java.io.File.pathSeparator
            + "]*?-(linux-x86_64[a-z0-9-]*)\\.jar");

    private NativeBackend() {
    }

    /** True when the CUDA backend is on the class path (a {@code -Pcuda} build). */
    public static boolean cuda() {
        try {
            Class.forName("org.nd4j.linalg.jcublas.JCublasBackend", false, NativeBackend.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** "cuda-11.6", or the libnd4j CPU build (e.g. "linux-x86_64-onednn-avx512"), or "unknown". */
    public static String variant() {
        if (cuda()) {
            return "cuda-11.6";
        }
        String given = System.getProperty("tidl.nd4j.variant", "");
        if (!given.isEmpty()) {
            return given;
        }
        Matcher m = CPU_JAR.matcher(System.getProperty("java.class.path", ""));
        return m.find() ? m.group(1) : "unknown";
    }

    /**
     * Null when a GPU of compute capability major.minor can run nd4j-cuda-11.6 1.0.0-M2.1, otherwise the reason
     * and what to do, in one line.
     */
    static String cudaProblem(String name, int major, int minor) {
        int cc = major * 10 + minor;
        if (cc >= CUDA_MIN && major <= CUDA_MAX / 10) {
            return null;
        }
        return "GPU '" + name + "' has compute capability " + major + "." + minor + "; the CUDA backend of this build "
                + "(nd4j-cuda-11.6 1.0.0-M2.1) has kernels for compute capability 3.7 to 8.6 only (they also run on "
                + "8.9) and no PTX" + (major > CUDA_MAX / 10 ? " (no Hopper or newer)" : "") + ": run on the CPU "
                + "(build without -Pcuda) or on a GPU of capability 3.7-8.9 (select one with CUDA_VISIBLE_DEVICES)";
    }

    /** On the CUDA backend, refuses a GPU its kernels cannot run on (see the class comment); nothing on the CPU. */
    public static void requireSupportedDevices() {
        if (!cuda()) {
            return;
        }
        org.nd4j.nativeblas.NativeOps ops;
        int devices;
        try {
            ops = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps();
            devices = ops.getAvailableDevices();
        } catch (RuntimeException | LinkageError e) {
            throw new InvalidInputException("the CUDA backend (nd4j-cuda-11.6) could not start: " + e.getMessage()
                    + "; it needs CUDA 11.6 and a GPU of compute capability 3.7-8.6, or build without -Pcuda");
        }
        if (devices < 1) {
            throw new InvalidInputException("the CUDA backend (nd4j-cuda-11.6) sees no GPU; build without -Pcuda to run on the CPU");
        }
        for (int d = 0; d < devices; d++) {
            String problem = cudaProblem(ops.getDeviceName(d), ops.getDeviceMajor(d), ops.getDeviceMinor(d));
            if (problem != null) {
                throw new InvalidInputException(problem);
            }
        }
    }
}
