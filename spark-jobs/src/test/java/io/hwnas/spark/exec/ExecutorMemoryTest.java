package io.hwnas.spark.exec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExecutorMemoryTest {

    @Test
    void javacppLimitsAreReadFromJvmOptionsInAnyCaseTheLastWinning() {
        String options = "-XX:+UseG1GC -Dorg.bytedeco.javacpp.maxBytes=512m -Dorg.bytedeco.javacpp.maxbytes=2g";
        assertEquals(2L << 30, ExecutorMemory.javacppBytes(options, "maxbytes", 7));
        assertEquals(7, ExecutorMemory.javacppBytes(options, "maxphysicalbytes", 7));
        assertEquals(1000, ExecutorMemory.javacppBytes("-Dorg.bytedeco.javacpp.maxphysicalbytes=1000", "maxphysicalbytes", 7));
    }

    @Test
    void localMastersGiveTheirThreads() {
        assertEquals(1, ExecutorMemory.localThreads("local"));
        assertEquals(4, ExecutorMemory.localThreads("local[4]"));
        assertEquals(3, ExecutorMemory.localThreads("local[3,2]"));
        assertEquals(Runtime.getRuntime().availableProcessors(), ExecutorMemory.localThreads("local[*]"));
    }
}
