package io.hwnas.pareto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParetoFrontTest {

    private static final List<Objective> ACC_LATENCY = List.of(Objective.maximize("accuracy"), Objective.minimize("latency"));

    @Test
    void handExampleWithMixedDirections() {
        List<double[]> points = List.of(
                new double[] {0.90, 10}, // front
                new double[] {0.85, 12}, // dominated by 0
                new double[] {0.80, 5},  // front
                new double[] {0.90, 11}, // same accuracy as 0, slower
                new double[] {0.95, 30}, // front
                new double[] {0.80, 6}); // same accuracy as 2, slower
        assertArrayEquals(new int[] {0, 2, 4}, ParetoFront.nonDominated(points, ACC_LATENCY));
    }

    @Test
    void exactDuplicatesStayTogether() {
        List<double[]> points = List.of(new double[] {1, 1}, new double[] {2, 2}, new double[] {1, 1}, new double[] {0, 3});
        List<Objective> minMin = List.of(Objective.minimize("a"), Objective.minimize("b"));
        assertArrayEquals(new int[] {0, 2, 3}, ParetoFront.nonDominated(points, minMin));
    }

    @Test
    void tiesOnOneObjectiveAreDecidedByTheOther() {
        List<Objective> minMin = List.of(Objective.minimize("a"), Objective.minimize("b"));
        List<double[]> points = List.of(new double[] {1, 5}, new double[] {1, 4}, new double[] {0, 4}, new double[] {2, 0});
        // 0 and 1 lose to 2 ({0,4} ties 1 on b and wins on a); 3 wins on b
        assertArrayEquals(new int[] {2, 3}, ParetoFront.nonDominated(points, minMin));
    }

    @Test
    void negativeZeroTiesWithZero() {
        List<Objective> minMin = List.of(Objective.minimize("a"), Objective.minimize("b"));
        List<double[]> points = List.of(new double[] {-0.0, 1}, new double[] {0.0, 1});
        assertArrayEquals(new int[] {0, 1}, ParetoFront.nonDominated(points, minMin));
    }

    @Test
    void infinitiesAreOrdinaryValues() {
        List<Objective> minMin = List.of(Objective.minimize("a"), Objective.minimize("b"));
        List<double[]> onlyInfinite = List.<double[]>of(new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY});
        assertArrayEquals(new int[] {0}, ParetoFront.nonDominated(onlyInfinite, minMin));
        List<double[]> points = List.of(new double[] {0, Double.POSITIVE_INFINITY}, new double[] {1, 5},
                new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY});
        assertArrayEquals(new int[] {1, 2}, ParetoFront.nonDominated(points, minMin));
    }

    @Test
    void emptyInputGivesEmptyFront() {
        assertArrayEquals(new int[0], ParetoFront.nonDominated(List.of(), ACC_LATENCY));
    }

    @Test
    void dominatesIsStrictInAtLeastOneObjective() {
        assertTrue(ParetoFront.dominates(new double[] {0.9, 5}, new double[] {0.9, 6}, ACC_LATENCY));
        assertFalse(ParetoFront.dominates(new double[] {0.9, 5}, new double[] {0.9, 5}, ACC_LATENCY));
        assertFalse(ParetoFront.dominates(new double[] {0.9, 5}, new double[] {0.95, 4}, ACC_LATENCY));
        assertFalse(ParetoFront.dominates(new double[] {0.9, 5}, new double[] {0.8, 4}, ACC_LATENCY));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void matchesBruteForceOnRandomSets(int objectiveCount) {
        for (int s = 0; s < 600; s++) {
            long seed = s * 31L + objectiveCount;
            SplittableRandom random = new SplittableRandom(seed);
            List<Objective> objectives = randomObjectives(objectiveCount, random);
            List<double[]> points = randomPoints(random.nextInt(0, 60), objectiveCount, random);
            int[] expected = bruteForceFront(points, objectives);
            assertArrayEquals(expected, ParetoFront.nonDominated(points, objectives),
                    () -> "seed " + seed + " objectives " + objectives + " points " + describe(points));
        }
    }

    @Test
    void twoObjectiveSweepMatchesBruteForceOnLargeTiedSet() {
        SplittableRandom random = new SplittableRandom(7);
        List<Objective> objectives = List.of(Objective.maximize("a"), Objective.minimize("b"));
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            points.add(new double[] {random.nextInt(50), random.nextInt(50)});
        }
        assertArrayEquals(bruteForceFront(points, objectives), ParetoFront.nonDominated(points, objectives));
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void sweepMatchesBruteForceOnLargeSets(int objectiveCount) {
        for (boolean tied : new boolean[] {true, false}) {
            SplittableRandom random = new SplittableRandom(11 + objectiveCount);
            List<Objective> objectives = randomObjectives(objectiveCount, random);
            List<double[]> points = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                double[] p = new double[objectiveCount];
                for (int j = 0; j < objectiveCount; j++) {
                    p[j] = tied ? random.nextInt(12) : random.nextDouble();
                }
                points.add(p);
            }
            assertArrayEquals(bruteForceFront(points, objectives), ParetoFront.nonDominated(points, objectives),
                    "tied " + tied);
        }
    }

    @Test
    void threeObjectiveFrontHandlesInfinitiesAndSignedZeros() {
        List<Objective> objectives = List.of(Objective.minimize("a"), Objective.maximize("b"), Objective.minimize("c"));
        double inf = Double.POSITIVE_INFINITY;
        List<double[]> points = List.of(new double[] {0.0, 1, inf}, new double[] {-0.0, 1, inf}, new double[] {0, -inf, 0},
                new double[] {1, 1, -inf}, new double[] {1, 0.5, -inf}, new double[] {-inf, -inf, inf});
        assertArrayEquals(bruteForceFront(points, objectives), ParetoFront.nonDominated(points, objectives));
    }

    @Test
    void rejectsNaNNamingPointAndObjective() {
        List<double[]> points = List.of(new double[] {0.9, 1}, new double[] {0.8, 2}, new double[] {0.7, Double.NaN});
        String message = assertThrows(IllegalArgumentException.class, () -> ParetoFront.nonDominated(points, ACC_LATENCY)).getMessage();
        assertTrue(message.contains("point 2") && message.contains("'latency'") && message.contains("NaN"), message);

        List<double[]> threeD = List.of(new double[] {Double.NaN, 1, 1});
        List<Objective> objectives = List.of(Objective.maximize("a"), Objective.minimize("b"), Objective.minimize("c"));
        message = assertThrows(IllegalArgumentException.class, () -> ParetoFront.nonDominated(threeD, objectives)).getMessage();
        assertTrue(message.contains("point 0") && message.contains("'a'"), message);
    }

    @Test
    void rejectsMalformedInput() {
        assertMessage(() -> ParetoFront.nonDominated(List.<double[]>of(new double[] {1}), ACC_LATENCY), "point 0 has 1 values");
        assertMessage(() -> ParetoFront.nonDominated(Arrays.asList(new double[] {1, 1}, null), ACC_LATENCY), "point 1 is null");
        assertMessage(() -> ParetoFront.nonDominated(null, ACC_LATENCY), "points");
        assertMessage(() -> ParetoFront.nonDominated(List.of(), List.of()), "objectives");
        assertMessage(() -> ParetoFront.nonDominated(List.of(), List.of(Objective.minimize("x"), Objective.maximize("x"))), "'x'");
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
        String message = assertThrows(IllegalArgumentException.class, call).getMessage();
        assertTrue(message.contains(fragment), () -> "expected '" + fragment + "' in: " + message);
    }

    static List<Objective> randomObjectives(int count, SplittableRandom random) {
        List<Objective> objectives = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            objectives.add(new Objective("o" + j, random.nextBoolean() ? Direction.MAXIMIZE : Direction.MINIMIZE));
        }
        return objectives;
    }

    /** Half the sets draw from {0..3} so equal values, equal rows and exact duplicates are common. */
    static List<double[]> randomPoints(int n, int k, SplittableRandom random) {
        boolean heavyTies = random.nextBoolean();
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (i > 0 && random.nextInt(8) == 0) {
                points.add(points.get(random.nextInt(i)).clone());
                continue;
            }
            double[] p = new double[k];
            for (int j = 0; j < k; j++) {
                p[j] = heavyTies ? random.nextInt(4) : random.nextDouble(-1, 1);
            }
            points.add(p);
        }
        return points;
    }

    /** The definition, written out independently of the production code. */
    static int[] bruteForceFront(List<double[]> points, List<Objective> objectives) {
        return IntStream.range(0, points.size())
                .filter(i -> IntStream.range(0, points.size()).noneMatch(j -> bruteDominates(points.get(j), points.get(i), objectives)))
                .toArray();
    }

    private static boolean bruteDominates(double[] a, double[] b, List<Objective> objectives) {
        boolean strictly = false;
        for (int j = 0; j < a.length; j++) {
            boolean max = objectives.get(j).direction() == Direction.MAXIMIZE;
            if (max ? a[j] < b[j] : a[j] > b[j]) {
                return false;
            }
            strictly |= a[j] != b[j];
        }
        return strictly;
    }

    static String describe(List<double[]> points) {
        return points.stream().map(Arrays::toString).toList().toString();
    }
}
