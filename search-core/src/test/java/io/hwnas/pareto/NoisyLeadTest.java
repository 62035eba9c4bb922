package io.hwnas.pareto;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NoisyLeadTest {
    private static final List<Objective> ACC_MACS = List.of(Objective.maximize("accuracy"), Objective.minimize("macs"));

    @Test
    void aLeadInsideTheNoiseOverACheaperPointIsNotSignificant() {
        // member 1 pays 2x the MACs of point 0 for 1.5 points of accuracy; each has se 1 point: 1.5 < 1.96 * 1.414
        double[][] values = {{0.800, 1e6}, {0.815, 2e6}, {0.900, 4e6}};
        double[] se = {0.01, 0.01, 0.01};
        assertEquals(OptionalInt.of(0), NoisyLead.neighbour(1, values, se, ACC_MACS, 0));
        // member 2 leads point 1 by 8.5 points: significant, and point 0 is further behind
        assertEquals(OptionalInt.empty(), NoisyLead.neighbour(2, values, se, ACC_MACS, 0));
        // the cheapest point has no neighbour at least as cheap
        assertEquals(OptionalInt.empty(), NoisyLead.neighbour(0, values, se, ACC_MACS, 0));
    }

    @Test
    void theBoundScalesWithTheStandardErrors() {
        double[][] values = {{0.800, 1e6}, {0.815, 2e6}};
        // 1.5 points against 1.96 * sqrt(2) * 0.5 = 1.39 points: significant
        assertEquals(OptionalInt.empty(), NoisyLead.neighbour(1, values, new double[] {0.005, 0.005}, ACC_MACS, 0));
        assertEquals(OptionalInt.of(0), NoisyLead.neighbour(1, values, new double[] {0.006, 0.006}, ACC_MACS, 0));
    }

    @Test
    void onlyNeighboursAtLeastAsGoodOnTheExactObjectivesCount() {
        // point 0 is as accurate within noise but dearer: the member's place rests on its MACs, which are exact
        double[][] values = {{0.814, 3e6}, {0.815, 2e6}};
        assertEquals(OptionalInt.empty(), NoisyLead.neighbour(1, values, new double[] {0.01, 0.01}, ACC_MACS, 0));
    }

    @Test
    void theClosestNeighbourIsNamedAndUnknownErrorsAreNotJudged() {
        double[][] values = {{0.805, 1e6}, {0.810, 1.5e6}, {0.815, 2e6}};
        assertEquals(OptionalInt.of(1), NoisyLead.neighbour(2, values, new double[] {0.01, 0.01, 0.01}, ACC_MACS, 0));
        assertEquals(OptionalInt.of(0), NoisyLead.neighbour(2, values, new double[] {0.01, Double.NaN, 0.01}, ACC_MACS, 0));
        assertEquals(OptionalInt.empty(),
                NoisyLead.neighbour(2, values, new double[] {0.01, 0.01, Double.NaN}, ACC_MACS, 0));
    }

    @Test
    void aMinimisedNoisyObjectiveAndOtherPositionsWork() {
        // error rate minimised, listed second; FPS maximised first
        List<Objective> objectives = List.of(Objective.maximize("fps"), Objective.minimize("error"));
        double[][] values = {{2000, 0.20}, {1000, 0.19}};
        assertEquals(OptionalInt.of(0), NoisyLead.neighbour(1, values, new double[] {0.01, 0.01}, objectives, 1));
        assertThrows(IllegalArgumentException.class,
                () -> NoisyLead.neighbour(1, values, new double[] {0.01}, objectives, 1));
    }
}
