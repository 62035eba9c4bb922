package io.hwnas.pareto;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The area (2-D) or volume (3-D) a set of points dominates up to a reference point: the scalar by
 * which searches are compared. Both are exact.
 */
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

    /** Exact hypervolume for two or three objectives; see {@link #of2d} for what counts. */
    public static double of(List<double[]> points, List<Objective> objectives, double[] reference) {
        MinimizedPoints.requireObjectives(objectives);
        return switch (objectives.size()) {
            case 2 -> of2d(points, objectives, reference);
            case 3 -> of3d(points, objectives, reference);
            default -> throw new IllegalArgumentException("hypervolume needs 2 or 3 objectives, got " + objectives.size());
        };
    }

    /**
     * Exact volume by slicing along the third objective (the HSO idea, While et al. 2006): between
     * consecutive third-coordinate levels the dominated region is a prism over the 2-D area of the
     * points at or below that level. O(n² log n), ample for the few hundred points of a search.
     */
    public static double of3d(List<double[]> points, List<Objective> objectives, double[] reference) {
        if (objectives.size() != 3) {
            throw new IllegalArgumentException("of3d needs 3 objectives, got " + objectives.size());
        }
        double[] ref = minimizedReference(reference, objectives);
        double[][] p = MinimizedPoints.of(points, objectives);
        List<double[]> inside = Arrays.stream(p)
                .filter(q -> q[0] < ref[0] && q[1] < ref[1] && q[2] < ref[2])
                .sorted(Comparator.comparingDouble(q -> q[2]))
                .toList();
        for (double[] q : inside) {
            for (double v : q) {
                if (Double.isInfinite(v)) {
                    throw new IllegalArgumentException("a point has an infinite objective, so the hypervolume would be unbounded");
                }
            }
        }
        // the 2-D areas are taken in minimised coordinates, so both directions are "minimise" here
        List<Objective> planar = List.of(Objective.minimize("x"), Objective.minimize("y"));
        double[] planarRef = {ref[0], ref[1]};
        double volume = 0;
        for (int i = 0; i < inside.size(); i++) {
            double top = i + 1 < inside.size() ? inside.get(i + 1)[2] : ref[2];
            double depth = top - inside.get(i)[2];
            if (depth > 0) {
                List<double[]> slice = inside.subList(0, i + 1).stream().map(q -> new double[] {q[0], q[1]}).toList();
                volume += of2d(slice, planar, planarRef) * depth;
            }
        }
        return volume;
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
