package io.hwnas.hant;

import io.hwnas.transform.Parameters;

import java.io.Serializable;

/**
 * What distilling one (layer, op) pair gave.
 *
 * <p>{@code score = -mse / teacherVariance}: the validation MSE between the op's output and the teacher's layer
 * output, divided by the variance of that output around its per-channel means. It equals R² − 1, so 0 is a
 * perfect mimic and −1 is no better than predicting each channel's mean; dividing by the variance makes layers
 * of different scale comparable, so the ILP can add scores over layers (HANT sums per-layer distillation
 * losses the same way).
 *
 * @param initialMse the validation MSE of the op before any training (its seeded initial weights)
 * @param weights the distilled op's parameters by node id (empty for identity, which has none)
 * @param error why distillation failed (e.g. a diverging loss), or null; a failed pair has NaN score and MSE
 */
public record DistillationResult(int layer, Op op, double score, double mse, double initialMse, double teacherVariance,
                                 int steps, double trainSeconds, Parameters weights, String error)
        implements Serializable {

    public DistillationResult {
        if (layer < 0 || op == null || weights == null) {
            throw new IllegalArgumentException("fields 'layer' (>= 0), 'op' and 'weights' are required, got layer "
                    + layer + ", op " + op);
        }
        if (error == null && (!Double.isFinite(score) || !Double.isFinite(mse) || !(teacherVariance > 0))) {
            throw new IllegalArgumentException("layer " + layer + " op " + op + ": a successful result needs a finite "
                    + "score and MSE and a positive teacher variance, got " + score + ", " + mse + ", " + teacherVariance);
        }
    }

    public boolean ok() {
        return error == null;
    }
}
