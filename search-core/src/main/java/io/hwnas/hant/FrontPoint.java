package io.hwnas.hant;

import java.io.Serializable;
import java.util.List;

/**
 * One net of HANT's front: the assignment the integer program chose for a budget, and what it measured
 * after assembly and fine-tuning.
 *
 * @param budgetMs the smallest swept budget (whole-net latency) that chose this assignment
 * @param predictedScore the ILP objective, Σ_i score(i, op_i)
 * @param predictedLatencyMs fixed part + Σ_i latency(i, op_i) from the cost table
 * @param latencyMs the device's estimate of the assembled net (equal to the prediction; kept as a check)
 * @param speedup teacher latency / this latency
 * @param accuracyBefore validation accuracy as assembled from teacher and distilled weights
 * @param accuracy validation accuracy after fine-tuning
 * @param accuracyDrop accuracy of the teacher given the same fine-tuning, minus {@code accuracy}
 */
public record FrontPoint(double budgetMs, List<Op> ops, double predictedScore, double predictedLatencyMs,
                         double latencyMs, double speedup, double accuracyBefore, double accuracy, double accuracyDrop,
                         long macs, long params, double fineTuneSeconds) implements Serializable {

    public FrontPoint {
        if (ops == null || ops.isEmpty()) {
            throw new IllegalArgumentException("field 'ops' needs one op per layer");
        }
        ops = List.copyOf(ops);
    }

    /** The assignment as one string, layer by layer: {@code conv3x3-relu;identity;...}. */
    public String assignment() {
        return String.join(";", ops.stream().map(Op::name).toList());
    }
}
