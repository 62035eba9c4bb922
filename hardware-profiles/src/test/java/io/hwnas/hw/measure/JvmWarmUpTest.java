package io.hwnas.hw.measure;

import io.hwnas.arch.Architecture;
import io.hwnas.hw.calibrate.CalibrationNetworks;
import io.hwnas.space.ImageInput;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmWarmUpTest {

    @Test
    void runsOncePerJvmForAtLeastItsTime() {
        List<Architecture> nets = CalibrationNetworks.sample(new ImageInput(1, 28, 28), 10, 40, 3);
        assertEquals(JvmWarmUp.NETWORKS, JvmWarmUp.sample(nets).size());
        assertEquals(nets.subList(0, JvmWarmUp.NETWORKS), JvmWarmUp.sample(nets));
        assertFalse(JvmWarmUp.once(nets, 0, 1), "0 s is no warm-up");
        assertFalse(JvmWarmUp.once(List.of(), 5, 1), "nothing to run is no warm-up");
        long start = System.nanoTime();
        assertTrue(JvmWarmUp.once(JvmWarmUp.sample(nets).subList(0, 3), 0.3, 1));
        assertTrue((System.nanoTime() - start) * 1e-9 >= 0.3, "it runs for its whole time");
        assertFalse(JvmWarmUp.once(nets, 0.3, 1), "a JVM warms up once");
    }
}
