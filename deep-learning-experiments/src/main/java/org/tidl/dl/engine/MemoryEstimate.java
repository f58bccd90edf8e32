package org.tidl.dl.engine;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.MemoryUseMode;
import org.deeplearning4j.nn.conf.memory.NetworkMemoryReport;
import org.tidl.api.StateSize;
import org.tidl.core.InsufficientMemoryException;
import org.tidl.core.OptimizerRegistry;

/**
 * The memory a run of n simulated workers needs, estimated before anything is allocated (all sizes in long
 * arithmetic, saturating), and the check that refuses a run that cannot fit with the numbers and the setting
 * to change, instead of failing deep inside ND4J (a native "std::bad_alloc", or the kernel's OOM killer).
 * Used by {@code train} and {@code bench-dl}.
 *
 * <p>ND4J's memory (native, off the Java heap) holds the n × P worker matrices: the parameters, plus every matrix the optimizer
 * keeps (gradients, gossip buffer, momentum, trackers: the state size it declares, {@link org.tidl.api.StateSize},
 * which the harness holds it to when the run starts), plus each worker's last minibatch and each thread's
 * activations (DL4J's own memory report). The Java heap holds one network object per worker, the data set and the
 * optimizer's further doubles. The estimate is a lower bound: a run it
 * refuses cannot fit; one it allows may still run out (then the CLI says so with exit 3).
 *
 * @param run             what is estimated, for messages ("100 workers of MLP 784-5000-10")
 * @param workers         n
 * @param parameters      P, parameters per worker
 * @param matrices        n × P matrices: 1 (the parameters) + those the optimizer keeps
 * @param offHeapBytes    ND4J (native, off-heap) bytes needed
 * @param heapBytes       Java heap bytes needed
 */
public record MemoryEstimate(String run, int workers, long parameters, int matrices, long offHeapBytes, long heapBytes) {

    /** Java heap per worker and layer: a DL4J network's object graph (measured: ~20 KB for the 2-layer MLP). */
    static final long HEAP_PER_WORKER_LAYER = 10 << 10;

    /** Examples per evaluation chunk (as {@code Evaluator}). */
    static final int EVALUATION_CHUNK = 500;

    /**
     * @param run            what is estimated, for messages
     * @param conf           the model of every worker
     * @param input          its input type (for DL4J's memory report)
     * @param workers        n
     * @param batch          examples per worker and step
     * @param optimizer      the optimizer, whose declared state is counted
     * @param extraMatrices  further n × P matrices the run keeps (the covariance protocol's checkpoint)
     * @param extraHeapBytes heap the run needs besides the networks (the data set, covariance sums)
     */
    public static MemoryEstimate of(String run, MultiLayerConfiguration conf, InputType input, int workers, int batch,
                                    OptimizerRegistry.Optimizer optimizer, int extraMatrices, long extraHeapBytes) {
        long p = Models.parameterCount(conf);
        long width = conf.getDataType().width();
        StateSize state = optimizer.stateSize(workers, p);
        int matrices = 1 + state.matrices() + extraMatrices;
        NetworkMemoryReport report = conf.getMemoryReport(input);
        long fixed = report.getTotalMemoryBytes(0, MemoryUseMode.TRAINING, CacheMode.NONE, conf.getDataType());
        long training = report.getTotalMemoryBytes(batch, MemoryUseMode.TRAINING, CacheMode.NONE, conf.getDataType()) - fixed;
        long inference = report.getTotalMemoryBytes(EVALUATION_CHUNK, MemoryUseMode.INFERENCE, CacheMode.NONE, conf.getDataType())
                - report.getTotalMemoryBytes(0, MemoryUseMode.INFERENCE, CacheMode.NONE, conf.getDataType());
        int threads = Math.max(1, Math.min(workers, Runtime.getRuntime().availableProcessors()));
        long features = input.arrayElementsPerExample();
        long outputs = conf.getConf(conf.getConfs().size() - 1).getLayer() instanceof org.deeplearning4j.nn.conf.layers.FeedForwardLayer f
                ? f.getNOut() : 0;
        long offHeap = sum(
                times(matrices, workers, p, width),                       // the worker matrices
                times(workers, batch, features + outputs, width),        // each network keeps its last minibatch
                times(threads, Math.max(0, training)),                    // activations and gradients being computed
                times(p, width), times(threads, Math.max(0, inference))); // the evaluated model
        long heap = sum(times(workers, conf.getConfs().size(), HEAP_PER_WORKER_LAYER), extraHeapBytes,
                times(state.doubles(), Double.BYTES));
        return new MemoryEstimate(run, workers, p, matrices, offHeap, heap);
    }

    /**
     * Refuses the run when it cannot fit: more than the machine's memory, more than the process limit that
     * ND4J enforces ({@code org.bytedeco.javacpp.maxphysicalbytes}, the launcher's {@code TIDL_PHYSICAL}), or
     * more than the Java heap ({@code TIDL_HEAP}). JavaCPP's {@code maxbytes} ({@code TIDL_OFFHEAP}) is not
     * checked: ND4J's arrays are allocated natively and do not count against it (measured: 760 MiB of worker
     * matrices ran under maxbytes = 300m), while the physical limit counts everything.
     *
     * @param smaller what to lower instead, in the command's words ("the workers or hidden units")
     * @throws InsufficientMemoryException with the numbers and the setting to change
     */
    public void check(String smaller) {
        check(smaller, Pointer.maxPhysicalBytes(), Runtime.getRuntime().maxMemory(),
                Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory(), machineMemory());
    }

    /** {@link #check(String)} against given limits (bytes; 0 or less: no such limit). */
    void check(String smaller, long maxPhysical, long maxHeap, long usedHeap, long machine) {
        String needs = run + ": " + workers + " workers × " + String.format(Locale.ROOT, "%,d", parameters)
                + " parameters × " + matrices + " matrices (the parameters and " + (matrices - 1)
                + " kept by the optimizer and the run) need at least " + bytes(offHeapBytes) + " of ND4J memory"
                + (heapBytes > 0 ? " and " + bytes(heapBytes) + " of Java heap" : "");
        if (machine > 0 && sum(offHeapBytes, heapBytes) > machine) {
            throw new InsufficientMemoryException(needs + ", more than this machine's " + bytes(machine)
                    + "; lower " + smaller);
        }
        long physical = sum(offHeapBytes, usedHeap, heapBytes);
        if (maxPhysical > 0 && physical > maxPhysical) {
            throw new InsufficientMemoryException(needs + ", more than the process limit of " + bytes(maxPhysical)
                    + "; raise it with TIDL_PHYSICAL=" + gib(sum(physical, 1L << 30)) + ", or lower " + smaller);
        }
        if (maxHeap > 0 && heapBytes > maxHeap - usedHeap) {
            throw new InsufficientMemoryException(needs + ", more than the free Java heap of " + bytes(maxHeap - usedHeap)
                    + "; raise it with TIDL_HEAP=" + gib(sum(heapBytes, usedHeap)) + ", or lower " + smaller);
        }
    }

    /** The machine's (or container's) memory, 0 when unknown. */
    static long machineMemory() {
        try {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }

    /** "12.0 GiB". */
    static String bytes(long b) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = b;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? b + " bytes" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** A launcher size rounded up to whole GiB: "13g". */
    static String gib(long b) {
        return ((b + (1L << 30) - 1) >> 30) + "g";
    }

    /** Product of non-negative factors, saturating at Long.MAX_VALUE instead of overflowing. */
    public static long times(long... factors) {
        long r = 1;
        for (long f : factors) {
            if (f <= 0) {
                return 0;
            }
            r = r > Long.MAX_VALUE / f ? Long.MAX_VALUE : r * f;
        }
        return r;
    }

    /** Sum of non-negative terms, saturating. */
    public static long sum(long... terms) {
        long r = 0;
        for (long t : terms) {
            r = r > Long.MAX_VALUE - Math.max(0, t) ? Long.MAX_VALUE : r + Math.max(0, t);
        }
        return r;
    }
}
