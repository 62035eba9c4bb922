package io.hwnas.pareto;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Non-dominated filtering. Point {@code a} dominates {@code b} when it is no worse in every
 * objective and strictly better in at least one; exact duplicates therefore never dominate each
 * other and all copies stay on the front.
 */
public final class ParetoFront {

    private ParetoFront() {
    }

    /**
     * Indices of the non-dominated points, ascending.
     *
     * @param points one value per objective each, in the order of {@code objectives}; NaN is rejected
     *     because it compares false both ways and would silently keep or drop a point
     */
    public static int[] nonDominated(List<double[]> points, List<Objective> objectives) {
        double[][] minimized = MinimizedPoints.of(points, objectives);
        return switch (objectives.size()) {
            // one objective is a two-objective problem whose second coordinate always ties
            case 1 -> sweep(minimized, 0, -1);
            case 2 -> sweep(minimized, 0, 1);
            default -> scan(minimized);
        };
    }

    /** Whether {@code a} dominates {@code b} under {@code objectives}. */
    public static boolean dominates(double[] a, double[] b, List<Objective> objectives) {
        double[][] minimized = MinimizedPoints.of(Arrays.asList(a, b), objectives);
        return dominatesMinimized(minimized[0], minimized[1]);
    }

    private static boolean dominatesMinimized(double[] a, double[] b) {
        boolean strictlyBetter = false;
        for (int j = 0; j < a.length; j++) {
            if (a[j] > b[j]) {
                return false;
            }
            if (a[j] < b[j]) {
                strictlyBetter = true;
            }
        }
        return strictlyBetter;
    }

    /**
     * O(n log n): sort by (x, y) ascending and walk groups of equal x. Within a group only the points
     * at the group's smallest y can survive (the rest are beaten on y at equal x); those survive iff
     * every earlier group, which has strictly smaller x, has a strictly larger minimum y. Keeping all
     * points at the group minimum is what keeps exact duplicates together.
     *
     * @param yColumn {@code -1} for a constant second coordinate
     */
    private static int[] sweep(double[][] p, int xColumn, int yColumn) {
        int n = p.length;
        Comparator<Integer> byXThenY = Comparator.comparingDouble((Integer i) -> p[i][xColumn]);
        if (yColumn >= 0) {
            byXThenY = byXThenY.thenComparingDouble(i -> p[i][yColumn]);
        }
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, byXThenY);

        int[] front = new int[n];
        int size = 0;
        // a flag, not a +infinity sentinel, so a first group at y = +infinity is still kept
        boolean seenEarlierGroup = false;
        double bestEarlierY = 0;
        for (int start = 0; start < n; ) {
            double x = p[order[start]][xColumn];
            double groupMinY = y(p, order[start], yColumn);
            int end = start;
            while (end < n && p[order[end]][xColumn] == x) {
                end++;
            }
            if (!seenEarlierGroup || groupMinY < bestEarlierY) {
                for (int s = start; s < end && y(p, order[s], yColumn) == groupMinY; s++) {
                    front[size++] = order[s];
                }
                bestEarlierY = groupMinY;
                seenEarlierGroup = true;
            }
            start = end;
        }
        int[] result = Arrays.copyOf(front, size);
        Arrays.sort(result);
        return result;
    }

    private static double y(double[][] p, int i, int yColumn) {
        return yColumn < 0 ? 0.0 : p[i][yColumn];
    }

    /** O(n²·k) pairwise scan; three or more objectives are rare enough here that nothing cleverer pays off. */
    private static int[] scan(double[][] p) {
        int[] front = new int[p.length];
        int size = 0;
        for (int i = 0; i < p.length; i++) {
            boolean dominated = false;
            for (int j = 0; j < p.length && !dominated; j++) {
                dominated = j != i && dominatesMinimized(p[j], p[i]);
            }
            if (!dominated) {
                front[size++] = i;
            }
        }
        return Arrays.copyOf(front, size);
    }
}
