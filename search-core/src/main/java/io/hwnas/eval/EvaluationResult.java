package io.hwnas.eval;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Everything measured for one candidate. Counts and device costs are of the deployed form (what
 * ships); the training-time form's MACs and parameters are kept beside them. Accuracy and loss are
 * on the held-out validation subset. For a failed candidate the training metrics are NaN and
 * {@code error} says why.
 *
 * @param macs forward multiply-accumulates at batch 1 of the deployed form
 * @param peakActivationElements see {@link io.hwnas.arch.ArchitectureCounts}
 * @param trainSamplesPerSecond training throughput (samples seen / training wall time)
 * @param worker host and executor that evaluated it
 */
public record EvaluationResult(int candidateId, int generation, String fingerprint, Map<String, String> choices,
                               Status status, String error, double accuracy, double loss, long macs,
                               long trainableParams, long stateParams, long peakActivationElements,
                               List<DeviceCost> devices, long trainingMacs, long trainingParams, double trainSeconds, double evalSeconds, long trainSamples,
                               double trainSamplesPerSecond, long seed, String worker) implements Serializable {

    public EvaluationResult {
        choices = Map.copyOf(choices);
        devices = List.copyOf(devices);
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
