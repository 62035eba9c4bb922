package io.hwnas.spark.nightly;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hwnas.pareto.Objective;
import io.hwnas.search.SearchGoal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How tonight's search front differs from the previous night's: points (architectures, by
 * fingerprint) added, dropped and kept, and the hypervolume of both fronts measured with tonight's
 * objectives and reference, so the change is comparable even when the earlier run used another
 * reference. When the earlier front lacks an objective column the hypervolumes are left out and
 * {@code note} says why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FrontDiff(String previousRun, String currentRun, List<String> objectives, List<Point> added,
                        List<Point> dropped, List<Point> kept, Double previousHypervolume, Double currentHypervolume,
                        Double hypervolumeChange, String note) {

    /** A front member: its fingerprint, candidate id in its run, choices and objective values. */
    public record Point(String fingerprint, int candidateId, String choices, Map<String, Double> objectives) {
    }

    /**
     * @param previous rows of the earlier pareto-search.csv (column → text), or null on the first night
     * @param current rows of tonight's pareto-search.csv
     */
    public static FrontDiff of(String previousRun, List<Map<String, String>> previous, String currentRun,
                               List<Map<String, String>> current, SearchGoal goal) {
        List<String> names = goal.objectives().stream().map(Objective::name).toList();
        List<Point> now = points(current, names);
        if (previous == null) {
            return new FrontDiff(null, currentRun, names, now, List.of(), List.of(), null,
                    goal.hypervolumeOf(now.stream().map(p -> values(p, names)).toList()), null,
                    "no earlier night to compare with");
        }
        List<String> missing = previous.isEmpty() ? List.of()
                : names.stream().filter(n -> !previous.get(0).containsKey(n)).toList();
        List<Point> before = points(previous, names.stream().filter(n -> !missing.contains(n)).toList());
        Set<String> beforeIds = new LinkedHashSet<>(before.stream().map(Point::fingerprint).toList());
        Set<String> nowIds = new LinkedHashSet<>(now.stream().map(Point::fingerprint).toList());
        List<Point> added = now.stream().filter(p -> !beforeIds.contains(p.fingerprint())).toList();
        List<Point> kept = now.stream().filter(p -> beforeIds.contains(p.fingerprint())).toList();
        List<Point> dropped = before.stream().filter(p -> !nowIds.contains(p.fingerprint())).toList();
        double hvNow = goal.hypervolumeOf(now.stream().map(p -> values(p, names)).toList());
        if (!missing.isEmpty()) {
            return new FrontDiff(previousRun, currentRun, names, added, dropped, kept, null, hvNow, null,
                    "the earlier front has no column " + missing + " (objectives changed); hypervolumes not compared");
        }
        double hvBefore = goal.hypervolumeOf(before.stream().map(p -> values(p, names)).toList());
        return new FrontDiff(previousRun, currentRun, names, added, dropped, kept, hvBefore, hvNow, hvNow - hvBefore, null);
    }

    private static List<Point> points(List<Map<String, String>> rows, List<String> names) {
        List<Point> out = new ArrayList<>(rows.size());
        for (Map<String, String> r : rows) {
            Map<String, Double> values = new LinkedHashMap<>();
            names.forEach(n -> values.put(n, Double.parseDouble(r.get(n))));
            out.add(new Point(r.get("fingerprint"), Integer.parseInt(r.get("candidate_id")), r.get("choices"), values));
        }
        return out;
    }

    private static double[] values(Point p, List<String> names) {
        return names.stream().mapToDouble(n -> p.objectives().get(n)).toArray();
    }

    /** The diff as a person reads it in a log or a mail. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("front of ").append(currentRun);
        out.append(previousRun == null ? " (first night)" : " vs " + previousRun).append('\n');
        out.append(String.format(Locale.ROOT, "%d points: %d added, %d dropped, %d kept%n", added.size() + kept.size(),
                added.size(), dropped.size(), kept.size()));
        if (hypervolumeChange != null) {
            out.append(String.format(Locale.ROOT, "hypervolume %.6g (was %.6g, %+.6g, %+.2f%%)%n", currentHypervolume,
                    previousHypervolume, hypervolumeChange,
                    previousHypervolume == 0 ? Double.NaN : 100 * hypervolumeChange / previousHypervolume));
        } else {
            out.append(String.format(Locale.ROOT, "hypervolume %.6g%n", currentHypervolume));
        }
        if (note != null) {
            out.append("note: ").append(note).append('\n');
        }
        section(out, "added", "+", added);
        section(out, "dropped", "-", dropped);
        return out.toString();
    }

    private static void section(StringBuilder out, String title, String mark, List<Point> points) {
        if (points.isEmpty()) {
            return;
        }
        out.append(title).append(":\n");
        for (Point p : points) {
            out.append("  ").append(mark).append(" #").append(p.candidateId());
            p.objectives().forEach((k, v) -> out.append(String.format(Locale.ROOT, "  %s %.5g", k, v)));
            out.append("  ").append(p.choices()).append('\n');
        }
    }
}
