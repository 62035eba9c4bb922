package io.hwnas.hant;

import java.io.Serializable;

/**
 * One assembled net after fine-tuning.
 *
 * @param accuracyBefore validation accuracy as assembled (teacher + distilled weights), before fine-tuning
 */
public record FineTuneResult(int id, double accuracyBefore, double accuracy, double loss, double trainSeconds,
                             long trainSamples) implements Serializable {
}
