package io.hwnas.dl4j;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Nd4jThreadsTest {

    /** ONNX Runtime's intra-op threads follow {@code current()}: it must be what the last limit set. */
    @Test
    void currentIsTheCallingThreadsLastLimit() throws Exception {
        int[] seen = new int[3];
        Thread t = new Thread(() -> {
            seen[0] = Nd4jThreads.current();
            Nd4jThreads.limit(2);
            seen[1] = Nd4jThreads.current();
            Nd4jThreads.limit(1);
            seen[2] = Nd4jThreads.current();
            Nd4jThreads.limit(Runtime.getRuntime().availableProcessors()); // OpenBLAS's pool is per JVM: its default back
        });
        t.start();
        t.join();
        assertEquals(Runtime.getRuntime().availableProcessors(), seen[0], "every core before any limit");
        assertEquals(2, seen[1]);
        assertEquals(1, seen[2]);
        assertThrows(IllegalArgumentException.class, () -> Nd4jThreads.limit(0));
    }
}
