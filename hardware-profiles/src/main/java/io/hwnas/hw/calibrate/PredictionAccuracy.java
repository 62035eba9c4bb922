package io.hwnas.hw.calibrate;

import io.hwnas.cost.CostModel;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;

import java.util.List;

/**
 * How well a cost model predicts measured latencies: the usual reports of latency predictors (nn-Meter):
 * mean absolute percentage error, the share of predictions within ±10%, and Kendall's τ between predicted
 * and measured (what matters for ranking candidates).
 *
 * @param count number of architectures compared
 * @param mape mean |predicted − measured| / measured
 * @param within10 fraction of predictions with |predicted − measured| ≤ 10% of measured
 * @param within5 the same within 5%
 * @param kendallTau rank correlation of predicted and measured latency (τ-b, ties handled)
 * @param maxError largest relative error
 */
public record PredictionAccuracy(int count, double mape, double within10, double kendallTau, double maxError,
                                 double within5) {

    public static PredictionAccuracy of(CostModel model, List<Measurement> measured) {
        double[] predicted = new double[measured.size()];
        double[] actual = new double[measured.size()];
        for (int i = 0; i < measured.size(); i++) {
            predicted[i] = model.estimate(measured.get(i).architecture()).latencySeconds();
            actual[i] = measured.get(i).latencySeconds();
        }
        return of(predicted, actual);
    }

    public static PredictionAccuracy of(double[] predicted, double[] actual) {
        if (predicted.length != actual.length || predicted.length < 2) {
            throw new IllegalArgumentException("need at least two predicted/measured pairs of equal count, got "
                    + predicted.length + " and " + actual.length);
        }
        double sum = 0;
        double max = 0;
        int within = 0;
        int within5 = 0;
        for (int i = 0; i < actual.length; i++) {
            double error = Math.abs(predicted[i] - actual[i]) / actual[i];
            sum += error;
            max = Math.max(max, error);
            if (error <= 0.10) {
                within++;
            }
            if (error <= 0.05) {
                within5++;
            }
        }
        double tau = new KendallsCorrelation().correlation(predicted, actual);
        return new PredictionAccuracy(actual.length, sum / actual.length, within / (double) actual.length, tau, max,
                within5 / (double) actual.length);
    }

    @Override
    public String toString() {
        return String.format("n=%d MAPE=%.1f%% within±10%%=%.0f%% τ=%.3f max error=%.0f%%", count, 100 * mape,
                100 * within10, kendallTau, 100 * maxError);
    }
}
