package io.hwnas.hw.measure;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepeatProtocolTest {
    private final RepeatProtocol protocol = new RepeatProtocol(2, 3, 0.05, 5, 3, 0);

    @Test
    void leadingRepeatsThatStillDriftAreRejected() {
        RepeatProtocol.Repeats r = protocol.summarise(new double[] {2.0, 1.5, 1.01, 1.0, 0.99}, 2);
        assertEquals(3, r.kept());
        assertEquals(1.0, r.seconds(), 1e-12);
        assertEquals(0.02, r.spread(), 1e-9);
    }

    @Test
    void steadyRepeatsAreAllKeptAndTheirSpreadReported() {
        RepeatProtocol.Repeats r = protocol.summarise(new double[] {1.0, 1.2, 0.9, 1.1, 1.0}, 1);
        assertEquals(5, r.kept());
        assertEquals(1.0, r.seconds(), 1e-12);
        assertEquals(0.3, r.spread(), 1e-9);
    }

    @Test
    void itemsAreTimedInterleavedAndInOrder() {
        StringBuilder order = new StringBuilder();
        List<RepeatProtocol.Repeats> r = new RepeatProtocol(1, 1, 0.05, 2, 1, 0).measure(List.of(
                () -> order.append('a'), () -> order.append('b')));
        assertEquals(2, r.size());
        // warm-up a, b; repeat 0: a then b; repeat 1 rotated: b then a
        assertEquals("ababba", order.toString());
        assertTrue(r.get(0).seconds() >= 0);
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RepeatProtocol(1, 1, 0.05, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RepeatProtocol(1, 1, 0, 2, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RepeatProtocol(1, 1, 0.05, 2, 1, -1));
    }
}
