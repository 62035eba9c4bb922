package io.hwnas.space;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.arch.PoolKind;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationSpaceTest {

    private static ActivationSpace space(List<Double> widths) {
        return new ActivationSpace(new ImageInput(1, 28, 28), 10,
                List.of(new ConvStage(16, 2, 3, PoolKind.MAX), new ConvStage(32, 1, 3, PoolKind.MAX)),
                ActivationSpace.Head.GLOBAL_AVG,
                List.of(ActivationType.RELU, ActivationType.SILU, ActivationType.HARD_SWISH), widths);
    }

    @Test
    void sizeIsTheProductOfOptionCounts() {
        assertEquals(BigInteger.valueOf(27), space(List.of(1.0)).size());
        assertEquals(BigInteger.valueOf(27 * 4), space(List.of(0.5, 1.0)).size());
    }

    @Test
    void enumerationVisitsEveryPointOnceAndEachDecodes() {
        ActivationSpace s = space(List.of(0.5, 1.0));
        List<Choice> all = new ArrayList<>();
        for (Iterator<Choice> it = s.enumerate(); it.hasNext(); ) {
            all.add(it.next());
        }
        assertEquals(108, all.size());
        assertEquals(108, new HashSet<>(all).size());
        assertEquals(108, all.stream().map(c -> s.decode(c).fingerprint()).distinct().count(),
                "different choices give different networks");
    }

    @Test
    void decodedNetworkCarriesTheChosenActivationsAndWidths() {
        ActivationSpace s = space(List.of(0.5, 1.0));
        Architecture a = s.decode(Choice.of(1, 2, 0, 0, 1));
        assertEquals(ActivationType.SILU, ((Activation) a.node("s0.c0.act").layer()).function());
        assertEquals(ActivationType.HARD_SWISH, ((Activation) a.node("s0.c1.act").layer()).function());
        assertEquals(8, a.shape("s0.c0.conv").channels());
        assertEquals(32, a.shape("s1.c0.conv").channels());
        assertEquals(a, ArchitectureJson.read(ArchitectureJson.write(a)));
    }

    @Test
    void samplingIsSeededAndDistinct() {
        ActivationSpace s = space(List.of(0.5, 1.0));
        assertEquals(Sampling.distinct(s, 20, 3), Sampling.distinct(s, 20, 3));
        assertNotEquals(Sampling.distinct(s, 20, 3), Sampling.distinct(s, 20, 4));
        assertEquals(20, new HashSet<>(Sampling.distinct(s, 20, 3)).size());
        assertEquals(108, Sampling.distinct(s, 500, 3).size(), "a small space is enumerated whole");
        assertEquals(s.sample(new SplittableRandom(9)), s.sample(new SplittableRandom(9)));
    }

    @Test
    void neighboursDifferInExactlyOneDimension() {
        ActivationSpace s = space(List.of(0.5, 1.0));
        Choice c = Choice.of(0, 0, 0, 0, 0);
        List<Choice> n = s.neighbours(c);
        assertEquals(3 * 2 + 2 * 1, n.size());
        for (Choice x : n) {
            int diff = 0;
            for (int i = 0; i < 5; i++) {
                diff += x.gene(i) != c.gene(i) ? 1 : 0;
            }
            assertEquals(1, diff);
        }
    }

    @Test
    void invalidChoicesAndBasesAreRejectedByName() {
        ActivationSpace s = space(List.of(1.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.decode(Choice.of(0, 5, 0)));
        assertTrue(e.getMessage().contains("act.s0.c1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ActivationSpace(new ImageInput(1, 2, 2), 10,
                List.of(new ConvStage(4, 1, 3, PoolKind.MAX), new ConvStage(4, 1, 3, PoolKind.MAX)),
                null, List.of(ActivationType.RELU), null));
        assertTrue(e.getMessage().contains("s1.pool"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> space(List.of(0.0)));
        assertTrue(e.getMessage().contains("widthMultipliers"), e.getMessage());
    }

    @Test
    void seedsDependOnlyOnRunSeedGenerationAndId() {
        assertEquals(Seeds.derive(42, 0, 5), Seeds.derive(42, 0, 5));
        assertEquals(100, java.util.stream.IntStream.range(0, 100).mapToLong(i -> Seeds.derive(42, 0, i)).distinct().count());
        assertNotEquals(Seeds.derive(42, 0, 5), Seeds.derive(42, 1, 5));
        assertNotEquals(Seeds.derive(42, 0, 5), Seeds.derive(43, 0, 5));
    }
}
