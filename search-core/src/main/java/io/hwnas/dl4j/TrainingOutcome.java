package io.hwnas.dl4j;

import java.io.Serializable;

/** What brief training and validation of one candidate measured. */
public record TrainingOutcome(double accuracy, double loss, double trainSeconds, double evalSeconds, long trainSamples)
        implements Serializable {

    public double trainSamplesPerSecond() {
        return trainSeconds > 0 ? trainSamples / trainSeconds : Double.NaN;
    }
}
