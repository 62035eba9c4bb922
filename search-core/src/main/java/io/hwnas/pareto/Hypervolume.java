package io.hwnas.pareto;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** The area a set of points dominates, a scalar measure of how good a two-objective front is. */
public final class Hypervolume {

    private Hypervolume() {
    }

    /**
     * Exact area of the union of the boxes between each point and {@code reference}, in O(n log n).
     * Points that are not strictly better than the reference in both objectives add nothing, so
     * e.g. a model slower than the latency budget does not count however accurate it is. Dominated
     * points and duplicates may be passed; they add nothing either.
     *
     * @param reference one finite value per objective, in the order of {@code objectives}
     */
    public static double of2d(List<double[]> points, List<Objective> objectives, double[] reference) {
        MinimizedPoints.requireObjectives(objectives);
        if (objectives.size() != 2) {
            throw new IllegalArgumentException("hypervolume is two-dimensional but got " + objectives.size() + " objectives");
        }
        double[] ref = minimizedReference(reference, objectives);
        double[][] p = MinimizedPoints.of(points, objectives);

        Integer[] inside = IntStream.range(0, p.length)
                .filter(i -> p[i][0] < ref[0] && p[i][1] < ref[1])
                .boxed()
                .toArray(Integer[]::new);
        for (int i : inside) {
            for (int j = 0; j < 2; j++) {
                if (Double.isInfinite(p[i][j])) {
                    throw new IllegalArgumentException("point " + i + " objective '" + objectives.get(j).name()
                            + "' is infinite, so the hypervolume would be unbounded");
                }
            }
        }
        Arrays.sort(inside, Comparator.comparingDouble((Integer i) -> p[i][0]).thenComparingDouble(i -> p[i][1]));

        // Walking x upwards, a point whose y beats everything seen so far uncovers a horizontal strip
        // [y, lowestY) that no earlier point reaches and that extends from its x to the reference.
        double area = 0;
        double lowestY = ref[1];
        for (int i : inside) {
            if (p[i][1] < lowestY) {
                area += (ref[0] - p[i][0]) * (lowestY - p[i][1]);
                lowestY = p[i][1];
            }
        }
        return area;
    }

    private static double[] minimizedReference(double[] reference, List<Objective> objectives) {
        if (reference == null || reference.length != objectives.size()) {
            throw new IllegalArgumentException("reference must have " + objectives.size() + " values, got "
                    + (reference == null ? "null" : Arrays.toString(reference)));
        }
        double[] ref = new double[reference.length];
        for (int j = 0; j < ref.length; j++) {
            if (!Double.isFinite(reference[j])) {
                throw new IllegalArgumentException("reference objective '" + objectives.get(j).name()
                        + "' must be finite, got " + reference[j]);
            }
            ref[j] = objectives.get(j).direction().minimizing(reference[j]);
        }
        return ref;
    }
}
