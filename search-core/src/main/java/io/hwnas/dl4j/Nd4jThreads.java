package io.hwnas.dl4j;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Caps the native threads the calling thread's ND4J and oneDNN work uses, so concurrent work (or a timing) gets a
 * known share of cores. libnd4j and hwnas's oneDNN layers share one OpenMP runtime, whose thread count is per
 * calling thread: set it on the thread that trains.
 */
public final class Nd4jThreads {
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
    }

    /**
     * The thread count ND4J runs with: the last {@link #limit}, or ND4J's default (every core) when nothing set one.
     * Other native runtimes that time or run work beside DL4J (ONNX Runtime's intra-op pool) take the same share.
     */
    public static int current() {
        return Nd4j.getEnvironment().maxThreads();
    }
}
