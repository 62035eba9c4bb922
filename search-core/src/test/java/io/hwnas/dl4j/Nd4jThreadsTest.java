package io.hwnas.dl4j;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Nd4jThreadsTest {

    /** ONNX Runtime's intra-op threads follow {@code current()}: it must be what the last limit set. */
    @Test
    void currentIsTheLastLimit() {
        int before = Nd4jThreads.current();
        assertTrue(before >= 1, "ND4J's default: " + before);
        try {
            Nd4jThreads.limit(2);
            assertEquals(2, Nd4jThreads.current());
            Nd4jThreads.limit(1);
            assertEquals(1, Nd4jThreads.current());
        } finally {
            Nd4jThreads.limit(before);
        }
        assertThrows(IllegalArgumentException.class, () -> Nd4jThreads.limit(0));
    }
}
