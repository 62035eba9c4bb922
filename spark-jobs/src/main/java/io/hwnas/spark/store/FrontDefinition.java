package io.hwnas.spark.store;

import io.hwnas.eval.ResultTable;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.pareto.Objective;
import io.hwnas.pareto.ParetoFront;
import io.hwnas.sr.Task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A Pareto front to report: a file name and objectives over result-table columns. The search goal's
 * own front, and for trained sweeps one per device (quality vs FPS there) and one device-free
 * (quality vs MACs), quality being the task's: accuracy, PSNR for super-resolution, mAP@0.5 for detection; a
 * detection sweep also gets one per device of quality vs peak memory there ({@code memory-<device>}).
 */
public record FrontDefinition(String name, List<Objective> objectives) {

    public FrontDefinition {
        objectives = List.copyOf(objectives);
    }

    /** @param quality the task's quality column ({@link io.hwnas.sr.Task#qualityColumn}) */
    public static List<FrontDefinition> standard(List<String> devices, String quality) {
        List<FrontDefinition> fronts = new ArrayList<>();
        for (String d : devices) {
            fronts.add(new FrontDefinition(d, List.of(Objective.maximize(quality),
                    Objective.maximize("fps_" + ResultTable.deviceSuffix(d)))));
        }
        fronts.add(new FrontDefinition("macs", List.of(Objective.maximize(quality), Objective.minimize("macs"))));
        return fronts;
    }

    /** The standard fronts of {@code task}: {@link #standard(List, String)}, and memory fronts for detection. */
    public static List<FrontDefinition> standard(List<String> devices, Task task) {
        List<FrontDefinition> fronts = new ArrayList<>(standard(devices, task.qualityColumn()));
        if (task.isDetection()) {
            for (String d : devices) {
                fronts.add(new FrontDefinition("memory-" + d, List.of(Objective.maximize(task.qualityColumn()),
                        Objective.minimize("peak_memory_bytes_" + ResultTable.deviceSuffix(d)))));
            }
        }
        return fronts;
    }

    public String fileName() {
        return "pareto-" + name + ".csv";
    }

    /** The non-dominated successful results with every objective measured, in ascending order of the last objective's column. */
    public List<Map<String, Object>> front(List<EvaluationResult> results, ResultTable table) {
        // untrained candidates (cost- or proxy-only sweeps, cost-only tables) have no accuracy to rank by;
        // only the members become rows, so a run of 10^6 results never holds 10^6 of them
        List<EvaluationResult> measured = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        for (EvaluationResult r : results) {
            double[] p = r.ok() ? objectives.stream().mapToDouble(o -> table.number(r, o.name())).toArray() : null;
            if (p != null && Arrays.stream(p).noneMatch(Double::isNaN)) {
                measured.add(r);
                points.add(p);
            }
        }
        List<Map<String, Object>> front = new ArrayList<>();
        for (int i : ParetoFront.nonDominated(points, objectives)) {
            front.add(table.row(measured.get(i)));
        }
        return sorted(front);
    }

    /** Front rows in ascending order of the last objective's column, as fronts are written. */
    public List<Map<String, Object>> sorted(List<Map<String, Object>> front) {
        String last = objectives.get(objectives.size() - 1).name();
        List<Map<String, Object>> out = new ArrayList<>(front);
        out.sort((a, b) -> Double.compare(number(a.get(last)), number(b.get(last))));
        return out;
    }

    public List<String> columns() {
        List<String> cols = new ArrayList<>(List.of("candidate_id", "fingerprint", "choices"));
        objectives.forEach(o -> cols.add(o.name()));
        for (String extra : List.of("macs", "trainable_params")) {
            if (!cols.contains(extra)) {
                cols.add(extra);
            }
        }
        return cols;
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }
}
