package io.hwnas.pareto;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates raw objective vectors once and rewrites them so smaller is better in every
 * coordinate; the front and hypervolume code then never has to think about directions.
 */
final class MinimizedPoints {

    private MinimizedPoints() {
    }

    /** @return {@code [point][objective]}, fresh arrays, so callers never alias the caller's data */
    static double[][] of(List<double[]> points, List<Objective> objectives) {
        requireObjectives(objectives);
        if (points == null) {
            throw new IllegalArgumentException("points must not be null");
        }
        int k = objectives.size();
        double[][] minimized = new double[points.size()][];
        for (int i = 0; i < minimized.length; i++) {
            double[] point = points.get(i);
            if (point == null) {
                throw new IllegalArgumentException("point " + i + " is null");
            }
            if (point.length != k) {
                throw new IllegalArgumentException(
                        "point " + i + " has " + point.length + " values but there are " + k + " objectives " + names(objectives));
            }
            double[] row = new double[k];
            for (int j = 0; j < k; j++) {
                if (Double.isNaN(point[j])) {
                    throw new IllegalArgumentException(
                            "point " + i + " objective '" + objectives.get(j).name() + "' (index " + j + ") is NaN");
                }
                row[j] = objectives.get(j).direction().minimizing(point[j]);
            }
            minimized[i] = row;
        }
        return minimized;
    }

    static void requireObjectives(List<Objective> objectives) {
        if (objectives == null || objectives.isEmpty()) {
            throw new IllegalArgumentException("objectives must be non-empty, got " + objectives);
        }
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < objectives.size(); j++) {
            Objective objective = objectives.get(j);
            if (objective == null) {
                throw new IllegalArgumentException("objective " + j + " is null");
            }
            if (!seen.add(objective.name())) {
                throw new IllegalArgumentException("objective name '" + objective.name() + "' appears more than once in " + names(objectives));
            }
        }
    }

    private static String names(List<Objective> objectives) {
        return objectives.stream().map(o -> o == null ? "null" : o.name()).toList().toString();
    }
}
