package io.hwnas.dl4j;

import org.nd4j.linalg.factory.Nd4j;

/** Caps the native threads ND4J uses in this JVM, so concurrent work (or a timing) gets a known share of cores. */
public final class Nd4jThreads {
    private Nd4jThreads() {
    }

    public static void limit(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("ND4J threads = " + threads + " must be >= 1");
        }
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
    }
}
