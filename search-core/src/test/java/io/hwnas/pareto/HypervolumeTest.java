package io.hwnas.pareto;

import static io.hwnas.pareto.ParetoFrontTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class HypervolumeTest {

    private static final List<Objective> MIN_MIN = List.of(Objective.minimize("a"), Objective.minimize("b"));
    private static final List<Objective> ACC_LATENCY = List.of(Objective.maximize("accuracy"), Objective.minimize("latency"));

    @Test
    void singlePointIsItsBox() {
        assertEquals(24.0, Hypervolume.of2d(List.<double[]>of(new double[] {4, 6}), MIN_MIN, new double[] {10, 10}));
    }

    @Test
    void staircaseByHand() {
        // strips: (5-1)*(6-5) + (5-2)*(5-3) + (5-4)*(3-1) = 4 + 6 + 2
        List<double[]> points = List.of(new double[] {2, 3}, new double[] {4, 1}, new double[] {1, 5});
        assertEquals(12.0, Hypervolume.of2d(points, MIN_MIN, new double[] {5, 6}));
    }

    @Test
    void mixedDirectionsByHand() {
        // boxes 0.4 x 10 and 0.3 x 15 overlap in 0.3 x 10
        List<double[]> points = List.of(new double[] {0.9, 10}, new double[] {0.8, 5});
        assertEquals(5.5, Hypervolume.of2d(points, ACC_LATENCY, new double[] {0.5, 20}), 1e-12);
    }

    @Test
    void dominatedAndDuplicatePointsAddNothing() {
        List<double[]> front = List.of(new double[] {1, 5}, new double[] {2, 3}, new double[] {4, 1});
        List<double[]> noisy = new ArrayList<>(front);
        noisy.add(new double[] {2, 3});
        noisy.add(new double[] {3, 4});
        noisy.add(new double[] {2, 5});
        noisy.add(new double[] {4, 3});
        double[] ref = {5, 6};
        assertEquals(Hypervolume.of2d(front, MIN_MIN, ref), Hypervolume.of2d(noisy, MIN_MIN, ref));
    }

    @Test
    void pointsNotStrictlyBetterThanReferenceAddNothing() {
        double[] ref = {0.5, 20};
        List<double[]> outside = List.of(
                new double[] {0.5, 1},   // ties the reference on accuracy
                new double[] {0.99, 20}, // ties it on latency
                new double[] {0.4, 1},   // worse accuracy
                new double[] {0.99, Double.POSITIVE_INFINITY}); // failed latency measurement
        assertEquals(0.0, Hypervolume.of2d(outside, ACC_LATENCY, ref));
        assertEquals(0.0, Hypervolume.of2d(List.of(), ACC_LATENCY, ref));
    }

    @Test
    void matchesGridAndInclusionExclusionOnRandomSets() {
        for (int seed = 0; seed < 500; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            List<Objective> objectives = ParetoFrontTest.randomObjectives(2, random);
            List<double[]> points = ParetoFrontTest.randomPoints(random.nextInt(0, 11), 2, random);
            double[] ref = new double[2];
            for (int j = 0; j < 2; j++) {
                // a reference somewhere in or around the value range so some points fall outside it
                ref[j] = random.nextInt(-1, 5) * (random.nextBoolean() ? 1 : 0.5);
            }
            double actual = Hypervolume.of2d(points, objectives, ref);
            double grid = gridArea(points, objectives, ref);
            double inclusion = inclusionExclusionArea(points, objectives, ref);
            String context = "seed " + seed + " " + objectives + " ref " + java.util.Arrays.toString(ref) + " " + ParetoFrontTest.describe(points);
            assertEquals(grid, inclusion, 1e-9, context);
            assertEquals(grid, actual, 1e-9, context);
        }
    }

    @Test
    void rejectsBadArguments() {
        List<double[]> one = List.<double[]>of(new double[] {1, 1});
        assertMessage(() -> Hypervolume.of2d(one, List.of(Objective.minimize("a")), new double[] {2}), "two-dimensional");
        assertMessage(() -> Hypervolume.of2d(one, MIN_MIN, new double[] {2}), "reference must have 2 values");
        assertMessage(() -> Hypervolume.of2d(one, MIN_MIN, new double[] {2, Double.NaN}), "reference objective 'b'");
        assertMessage(() -> Hypervolume.of2d(one, MIN_MIN, new double[] {Double.POSITIVE_INFINITY, 2}), "reference objective 'a'");
        assertMessage(() -> Hypervolume.of2d(List.of(new double[] {1, 1}, new double[] {Double.NaN, 1}), MIN_MIN, new double[] {2, 2}),
                "point 1 objective 'a'");
        assertMessage(() -> Hypervolume.of2d(List.<double[]>of(new double[] {Double.NEGATIVE_INFINITY, 1}), MIN_MIN, new double[] {2, 2}),
                "unbounded");
    }

    /** Smaller-is-better coordinates, computed here rather than through {@link Direction}. */
    private static double[] flip(double[] p, List<Objective> objectives) {
        double[] q = new double[2];
        for (int j = 0; j < 2; j++) {
            q[j] = objectives.get(j).direction() == Direction.MAXIMIZE ? -p[j] : p[j];
        }
        return q;
    }

    private static List<double[]> insideReference(List<double[]> points, List<Objective> objectives, double[] ref) {
        List<double[]> inside = new ArrayList<>();
        for (double[] p : points) {
            double[] q = flip(p, objectives);
            if (q[0] < ref[0] && q[1] < ref[1]) {
                inside.add(q);
            }
        }
        return inside;
    }

    /** Sums the cells of the grid spanned by all coordinates that some point's box covers. */
    private static double gridArea(List<double[]> points, List<Objective> objectives, double[] rawRef) {
        double[] ref = flip(rawRef, objectives);
        List<double[]> inside = insideReference(points, objectives, ref);
        TreeSet<Double> xs = new TreeSet<>(List.of(ref[0]));
        TreeSet<Double> ys = new TreeSet<>(List.of(ref[1]));
        inside.forEach(q -> {
            xs.add(q[0]);
            ys.add(q[1]);
        });
        Double[] x = xs.toArray(Double[]::new);
        Double[] y = ys.toArray(Double[]::new);
        double area = 0;
        for (int a = 0; a + 1 < x.length; a++) {
            for (int b = 0; b + 1 < y.length; b++) {
                int xa = a;
                int yb = b;
                if (inside.stream().anyMatch(q -> q[0] <= x[xa] && q[1] <= y[yb])) {
                    area += (x[a + 1] - x[a]) * (y[b + 1] - y[b]);
                }
            }
        }
        return area;
    }

    private static double inclusionExclusionArea(List<double[]> points, List<Objective> objectives, double[] rawRef) {
        double[] ref = flip(rawRef, objectives);
        List<double[]> inside = insideReference(points, objectives, ref);
        double area = 0;
        for (int mask = 1; mask < 1 << inside.size(); mask++) {
            double x = Double.NEGATIVE_INFINITY;
            double y = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < inside.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    x = Math.max(x, inside.get(i)[0]);
                    y = Math.max(y, inside.get(i)[1]);
                }
            }
            area += (Integer.bitCount(mask) % 2 == 1 ? 1 : -1) * (ref[0] - x) * (ref[1] - y);
        }
        return area;
    }

    @Test
    void threeObjectivesMatchCountingTheGridCellsOfAllCoordinates() {
        List<Objective> mixed = List.of(Objective.maximize("a"), Objective.minimize("b"), Objective.minimize("c"));
        double[] ref = {0, 10, 10};
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 30; trial++) {
            List<double[]> points = new ArrayList<>();
            for (int i = 0, n = 1 + rng.nextInt(12); i < n; i++) {
                // integer coordinates with ties and points outside the reference box
                points.add(new double[] {rng.nextInt(-1, 8), rng.nextInt(0, 12), rng.nextInt(0, 12)});
            }
            assertEquals(bruteForce3d(points, ref), Hypervolume.of(points, mixed, ref), 1e-9, "trial " + trial);
        }
    }

    /** Unit cells between integer coordinates, each counted when some point dominates its far corner. */
    private static double bruteForce3d(List<double[]> points, double[] ref) {
        double volume = 0;
        for (int a = 0; a < 8; a++) {
            for (int b = 0; b < 10; b++) {
                for (int c = 0; c < 10; c++) {
                    // cell [a, a+1] x [b, b+1] x [c, c+1]: maximised a needs p_a >= a + 1, minimised b, c need p <= b, c
                    for (double[] p : points) {
                        if (p[0] >= a + 1 && p[1] <= b && p[2] <= c) {
                            volume++;
                            break;
                        }
                    }
                }
            }
        }
        return volume;
    }
}
