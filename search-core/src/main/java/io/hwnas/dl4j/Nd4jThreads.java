package io.hwnas.dl4j;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Caps the native threads the calling thread's ND4J and oneDNN work uses, so concurrent work (or a timing) gets a
 * known share of cores. libnd4j and hwnas's oneDNN layers share one OpenMP runtime, whose thread count is per
 * calling thread: set it on the thread that trains.
 */
public final class Nd4jThreads {
    /** The calling thread's cap, as OpenMP's thread count is per calling thread. */
    private static final ThreadLocal<Integer> LIMIT = new ThreadLocal<>();

    private Nd4jThreads() {
    }

    public static void limit(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("ND4J threads = " + threads + " must be >= 1");
        }
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        // more OpenMP threads than cores makes oneDNN's barrier-synchronised kernels (batch norm, weight
        // gradients) spin-wait for descheduled threads: 50 ms instead of 0.2 ms per call
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        // OpenBLAS (ND4J's GEMM, the dense layers) keeps a thread pool of its own, one thread per core by default,
        // whose idle workers spin in sched_yield: with two tasks training side by side that took 40% of the CPU
        Nd4j.factory().blas().setMaxThreads(threads);
        LIMIT.set(threads);
    }

    /**
     * The threads the calling thread's native work may use: its last {@link #limit}, or every core (ND4J's and
     * OpenMP's default) when it set none. Other native runtimes working beside DL4J (ONNX Runtime's intra-op pool)
     * take the same share. Kept here because ND4J's environment does not report it: its {@code maxThreads()} stays at
     * the core count whatever is set.
     */
    public static int current() {
        Integer limit = LIMIT.get();
        return limit != null ? limit : Runtime.getRuntime().availableProcessors();
    }
}
