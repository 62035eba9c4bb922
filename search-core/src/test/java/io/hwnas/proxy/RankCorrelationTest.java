package io.hwnas.proxy;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankCorrelationTest {

    @Test
    void withoutTies() {
        // 10 pairs, 2 discordant ((1,2) and (3,4)): τ = (8 − 2)/10; Σd² = 4: ρ = 1 − 6·4/(5·24)
        RankCorrelation c = RankCorrelation.of(new double[] {1, 2, 3, 4, 5}, new double[] {2, 1, 4, 3, 5});
        assertEquals(0.6, c.kendallTau(), 1e-12);
        assertEquals(0.8, c.spearmanRho(), 1e-12);
        assertEquals(5, c.n());
    }

    @Test
    void tiesUseTauBAndAverageRanks() {
        // x ties one pair: 5 concordant, 0 discordant of 6; τ-b = 5/√((6−1)(6−0)) = 5/√30
        // ranks x = 1, 2.5, 2.5, 4; y = 1, 3, 2, 4: ρ = 4.5/√(4.5·5)
        RankCorrelation c = RankCorrelation.of(new double[] {10, 20, 20, 30}, new double[] {0.1, 0.3, 0.2, 0.4});
        assertEquals(5 / Math.sqrt(30), c.kendallTau(), 1e-12);
        assertEquals(4.5 / Math.sqrt(22.5), c.spearmanRho(), 1e-12);
    }

    @Test
    void reversedOrderIsMinusOneAndScaleDoesNotMatter() {
        RankCorrelation c = RankCorrelation.of(new double[] {1, 10, 100, 1000}, new double[] {0.9, 0.5, 0.4, -3});
        assertEquals(-1, c.kendallTau(), 1e-12);
        assertEquals(-1, c.spearmanRho(), 1e-12);
    }

    @Test
    void nanPairsAreDroppedAndMinusInfinityRanksLowest() {
        double[] proxy = {Double.NEGATIVE_INFINITY, 2, Double.NaN, 3, 4};
        double[] accuracy = {0.1, 0.2, 0.9, 0.3, Double.NaN};
        RankCorrelation c = RankCorrelation.of(proxy, accuracy);
        assertEquals(3, c.n());
        assertEquals(1, c.kendallTau(), 1e-12);
        assertEquals(1, c.spearmanRho(), 1e-12);
    }

    @Test
    void undefinedCasesAreNaN() {
        RankCorrelation constant = RankCorrelation.of(new double[] {1, 1, 1}, new double[] {1, 2, 3});
        assertTrue(Double.isNaN(constant.kendallTau()) && Double.isNaN(constant.spearmanRho()));
        assertEquals(3, constant.n());
        RankCorrelation single = RankCorrelation.of(new double[] {1, Double.NaN}, new double[] {1, 2});
        assertEquals(1, single.n());
        assertTrue(Double.isNaN(single.kendallTau()));
    }

    @Test
    void badInputIsRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RankCorrelation.of(new double[] {1, 2}, new double[] {1}));
        assertEquals("x has 2 values but y has 1; they must be paired", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RankCorrelation(1.5, 0, 3));
        assertEquals("field 'kendallTau' = 1.5 must be in [-1, 1] or NaN", e.getMessage());
    }
}
