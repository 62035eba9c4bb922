package io.hwnas.spark.store;

import io.hwnas.hant.CostTable;
import io.hwnas.hant.DistillationResult;
import io.hwnas.hant.FineTuneResult;
import io.hwnas.hant.FrontPoint;
import io.hwnas.hant.OpCost;
import io.hwnas.hant.StudentWeights;
import io.hwnas.hant.TrainedTeacher;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a finished HANT run: distillation.csv (one row per layer and candidate op), front.csv (one row per
 * distinct chosen net), summary.txt and run.json, into a staging directory published by one rename.
 */
public final class HantStore {
    public static final List<String> DISTILLATION_COLUMNS = List.of("layer", "op", "status", "score", "mse",
            "initial_mse", "teacher_variance", "latency_ms", "macs", "params", "steps", "train_seconds", "error");
    public static final List<String> FRONT_COLUMNS = List.of("budget_ms", "assignment", "predicted_score",
            "predicted_latency_ms", "latency_ms", "speedup", "accuracy", "accuracy_before_finetune", "accuracy_drop",
            "macs", "params", "finetune_seconds");

    private HantStore() {
    }

    public static URI write(RunDirectory dir, CostTable costs, TrainedTeacher teacher, FineTuneResult teacherTuned,
                            List<DistillationResult> distilled, List<FrontPoint> front, Map<String, Double> seconds,
                            RunProvenance provenance) {
        dir.writeText("distillation.csv", Csv.write(DISTILLATION_COLUMNS, distillationRows(costs, distilled)));
        dir.writeText("front.csv", Csv.write(FRONT_COLUMNS, front.stream().map(HantStore::frontRow).toList()));
        dir.writeText("summary.txt", summary(costs, teacher, teacherTuned, distilled, front, seconds));
        return dir.publish(provenance);
    }

    private static List<Map<String, Object>> distillationRows(CostTable costs, List<DistillationResult> distilled) {
        Map<String, OpCost> cost = new HashMap<>();
        costs.byLayer().forEach(l -> l.forEach(c -> cost.put(StudentWeights.key(c.layer(), c.op()), c)));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (DistillationResult r : distilled) {
            OpCost c = cost.get(StudentWeights.key(r.layer(), r.op()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("layer", r.layer());
            row.put("op", r.op().name());
            row.put("status", r.ok() ? "ok" : "failed");
            row.put("score", r.score());
            row.put("mse", r.mse());
            row.put("initial_mse", r.initialMse());
            row.put("teacher_variance", r.teacherVariance());
            row.put("latency_ms", c.latencyMs());
            row.put("macs", c.macs());
            row.put("params", c.params());
            row.put("steps", r.steps());
            row.put("train_seconds", r.trainSeconds());
            row.put("error", r.error());
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> frontRow(FrontPoint p) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("budget_ms", p.budgetMs());
        row.put("assignment", p.assignment());
        row.put("predicted_score", p.predictedScore());
        row.put("predicted_latency_ms", p.predictedLatencyMs());
        row.put("latency_ms", p.latencyMs());
        row.put("speedup", p.speedup());
        row.put("accuracy", p.accuracy());
        row.put("accuracy_before_finetune", p.accuracyBefore());
        row.put("accuracy_drop", p.accuracyDrop());
        row.put("macs", p.macs());
        row.put("params", p.params());
        row.put("finetune_seconds", p.fineTuneSeconds());
        return row;
    }

    /** The run in words and one table, for a person reading the directory. */
    static String summary(CostTable costs, TrainedTeacher teacher, FineTuneResult teacherTuned,
                          List<DistillationResult> distilled, List<FrontPoint> front, Map<String, Double> seconds) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "HANT on %s: %d layers, %d (layer, op) pairs distilled (%d failed)%n",
                costs.device(), costs.layers(), distilled.size(), distilled.stream().filter(r -> !r.ok()).count()));
        s.append(String.format(Locale.ROOT, "teacher: accuracy %.4f as trained, %.4f after the students' fine-tuning "
                        + "(the reference for accuracy_drop); latency %.4f ms; fastest possible %.4f ms%n",
                teacher.outcome().accuracy(), teacherTuned.accuracy(), costs.teacherMs(), costs.cheapestMs()));
        s.append(String.format(Locale.ROOT, "%n%10s %10s %8s %9s %9s %10s  %s%n", "budget_ms", "latency_ms",
                "speedup", "accuracy", "drop", "macs", "assignment"));
        for (FrontPoint p : front) {
            s.append(String.format(Locale.ROOT, "%10.4f %10.4f %7.2fx %9.4f %+9.4f %10d  %s%n", p.budgetMs(),
                    p.latencyMs(), p.speedup(), p.accuracy(), p.accuracyDrop(), p.macs(), p.assignment()));
        }
        s.append(String.format(Locale.ROOT, "%nwall time (s):"));
        seconds.forEach((phase, t) -> s.append(String.format(Locale.ROOT, " %s %.1f", phase, t)));
        s.append(System.lineSeparator());
        return s.toString();
    }
}
