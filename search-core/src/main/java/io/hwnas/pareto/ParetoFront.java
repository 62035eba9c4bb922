package io.hwnas.pareto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Non-dominated filtering. Point {@code a} dominates {@code b} when it is no worse in every
 * objective and strictly better in at least one; exact duplicates therefore never dominate each
 * other and all copies stay on the front.
 */
public final class ParetoFront {
    /** Runs of this length are insertion-sorted before merging. */
    private static final int RUN = 32;

    private ParetoFront() {
    }

    /**
     * Indices of the non-dominated points, ascending. O(n log n) for up to three objectives.
     *
     * @param points one value per objective each, in the order of {@code objectives}; NaN is rejected
     *     because it compares false both ways and would silently keep or drop a point
     */
    public static int[] nonDominated(List<double[]> points, List<Objective> objectives) {
        double[][] minimized = MinimizedPoints.of(points, objectives);
        int[] front = sweep(minimized, lexicographicOrder(minimized), sweepline(objectives.size()));
        Arrays.sort(front);
        return front;
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
     * Kung's sweep. A point's dominators all come before it in lexicographic order, and every dominated
     * point has a dominator on the front, so walking the points in that order it is enough to ask whether
     * a front member found so far is no worse on the remaining objectives (the first is no worse by the
     * order). A run of identical points is asked about once, against strictly earlier points only, and
     * kept or dropped together: that is what keeps exact duplicates on the front.
     */
    private static int[] sweep(double[][] p, int[] order, Sweepline line) {
        int[] front = new int[p.length];
        int size = 0;
        for (int start = 0; start < order.length; ) {
            double[] point = p[order[start]];
            int end = start + 1;
            while (end < order.length && Arrays.equals(p[order[end]], point)) {
                end++;
            }
            if (!line.coveredBy(point)) {
                line.add(point);
                for (int s = start; s < end; s++) {
                    front[size++] = order[s];
                }
            }
            start = end;
        }
        return Arrays.copyOf(front, size);
    }

    /**
     * Indices sorted by the rows in lexicographic order, ties broken by index so the order is total: a merge sort of
     * primitive indices, which on 10⁶ points beats sorting boxed indices or row copies with a comparator.
     */
    private static int[] lexicographicOrder(double[][] rows) {
        int n = rows.length;
        // by column: the comparisons read one contiguous array (ties on the first value are rare), not rows
        // scattered over the heap
        int objectives = n == 0 ? 0 : rows[0].length;
        double[][] p = new double[objectives][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < objectives; j++) {
                p[j][i] = rows[i][j];
            }
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int start = 0; start < n; start += RUN) {   // insertion sort of short runs
            int end = Math.min(n, start + RUN);
            for (int i = start + 1; i < end; i++) {
                int v = order[i];
                int k = i - 1;
                while (k >= start && compare(p, order[k], v) > 0) {
                    order[k + 1] = order[k];
                    k--;
                }
                order[k + 1] = v;
            }
        }
        int[] from = order;
        int[] to = new int[n];
        for (int width = RUN; width < n; width *= 2) {   // then merges of doubling width
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(n, lo + width);
                int hi = Math.min(n, lo + 2 * width);
                int a = lo;
                int b = mid;
                for (int k = lo; k < hi; k++) {
                    to[k] = a < mid && (b >= hi || compare(p, from[a], from[b]) <= 0) ? from[a++] : from[b++];
                }
            }
            int[] swap = from;
            from = to;
            to = swap;
        }
        return from;
    }

    /** @param columns {@code [objective][point]} */
    private static int compare(double[][] columns, int a, int b) {
        for (double[] column : columns) {
            int c = Double.compare(column[a], column[b]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a, b);
    }

    /** The front members found so far, asked whether one is no worse than a point on objectives 2..k. */
    private interface Sweepline {
        boolean coveredBy(double[] point);

        void add(double[] member);
    }

    private static Sweepline sweepline(int objectives) {
        return switch (objectives) {
            case 1 -> new Sweepline1();
            case 2 -> new Sweepline2();
            case 3 -> new Sweepline3();
            default -> new SweeplineScan();
        };
    }

    /** One objective: only the first (smallest) run survives. */
    private static final class Sweepline1 implements Sweepline {
        private boolean any;

        public boolean coveredBy(double[] point) {
            return any;
        }

        public void add(double[] member) {
            any = true;
        }
    }

    /** Two objectives: the smallest second coordinate so far. */
    private static final class Sweepline2 implements Sweepline {
        private double lowest = Double.NaN;

        public boolean coveredBy(double[] point) {
            return lowest <= point[1]; // false while NaN, so a first point at +infinity is kept
        }

        public void add(double[] member) {
            lowest = member[1];
        }
    }

    /**
     * Three objectives: the staircase of (second, third) coordinates, second ascending and third strictly
     * descending, so the entry at or below a point's second coordinate holds the least third coordinate
     * of every member there. O(log n) per question, amortised O(log n) per member.
     */
    private static final class Sweepline3 implements Sweepline {
        private final TreeMap<Double, Double> stairs = new TreeMap<>();

        public boolean coveredBy(double[] point) {
            Map.Entry<Double, Double> below = stairs.floorEntry(point[1]);
            return below != null && below.getValue() <= point[2];
        }

        public void add(double[] member) {
            stairs.put(member[1], member[2]);
            Map.Entry<Double, Double> next = stairs.higherEntry(member[1]);
            while (next != null && next.getValue() >= member[2]) {
                stairs.remove(next.getKey());
                next = stairs.higherEntry(member[1]);
            }
        }
    }

    /** Four or more objectives (rare here): compare with every member, O(n · front size). */
    private static final class SweeplineScan implements Sweepline {
        private final List<double[]> members = new ArrayList<>();

        public boolean coveredBy(double[] point) {
            for (double[] m : members) {
                if (noWorseFromSecond(m, point)) {
                    return true;
                }
            }
            return false;
        }

        public void add(double[] member) {
            members.add(member);
        }

        private static boolean noWorseFromSecond(double[] a, double[] b) {
            for (int j = 1; j < a.length; j++) {
                if (a[j] > b[j]) {
                    return false;
                }
            }
            return true;
        }
    }
}
