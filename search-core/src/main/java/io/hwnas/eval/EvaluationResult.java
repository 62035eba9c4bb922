package io.hwnas.eval;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Everything measured for one candidate. Counts and device costs are of the deployed form (what
 * ships); the training-time form's MACs and parameters are kept beside them. Accuracy and loss are
 * on the held-out validation subset. For a failed candidate the training metrics are NaN and
 * {@code error} says why. Untrained candidates (cost- or proxy-only sweeps) have NaN accuracy and loss.
 *
 * @param macs forward multiply-accumulates at batch 1 of the deployed form
 * @param peakActivationElements see {@link io.hwnas.arch.ArchitectureCounts}
 * @param trainSamplesPerSecond training throughput (samples seen / training wall time)
 * @param worker host and executor that evaluated it
 * @param proxies training-free score by proxy name (naswot, synflow, ...)
 */
public record EvaluationResult(int candidateId, int generation, String fingerprint, Map<String, String> choices,
                               Status status, String error, double accuracy, double loss, long macs,
                               long trainableParams, long stateParams, long peakActivationElements,
                               List<DeviceCost> devices, long trainingMacs, long trainingParams, double trainSeconds, double evalSeconds, long trainSamples,
                               double trainSamplesPerSecond, long seed, String worker,
                               Map<String, Double> proxies) implements Serializable {

    public EvaluationResult {
        choices = Map.copyOf(choices);
        devices = List.copyOf(devices);
        proxies = Map.copyOf(proxies);
    }

    /** The score of a training-free proxy (see {@code io.hwnas.proxy}); NaN when it was not computed. */
    public double proxy(String name) {
        return proxies.getOrDefault(name, Double.NaN);
    }

    /** This result standing for another candidate (reused from an earlier run): same figures, new id and generation. */
    public EvaluationResult asCandidate(int id, int newGeneration) {
        return new EvaluationResult(id, newGeneration, fingerprint, choices, status, error, accuracy, loss, macs,
                trainableParams, stateParams, peakActivationElements, devices, trainingMacs, trainingParams, trainSeconds,
                evalSeconds, trainSamples, trainSamplesPerSecond, seed, worker, proxies);
    }

    public boolean ok() {
        return status == Status.OK;
    }

    public DeviceCost device(String id) {
        return devices.stream().filter(d -> d.device().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("result " + candidateId + " has no figures for device '"
                        + id + "'"));
    }
}
