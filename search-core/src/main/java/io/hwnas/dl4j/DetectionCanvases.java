package io.hwnas.dl4j;

import io.hwnas.detection.DetectionDataSettings;
import io.hwnas.detection.DetectionDataset;
import io.hwnas.detection.DetectionSample;
import io.hwnas.detection.DetectionSplit;

import java.util.ArrayList;
import java.util.List;

/**
 * The first {@code train} training and {@code validation} validation canvases of a detection dataset, composed once
 * and held in memory: composing a 96×96 canvas costs about as much as a training step on it, and every candidate of
 * a sweep trains on the same canvases.
 *
 * @param settings how they were composed
 * @param classes  the classes their objects come from
 * @param shown    the first {@link #SHOWN} test canvases: each trained candidate's boxes on them travel with its
 *                 result, so that a report can draw them without the weights (no candidate trains or is scored on
 *                 them)
 */
public record DetectionCanvases(DetectionDataSettings settings, int classes, List<DetectionSample> train,
                                List<DetectionSample> validation, List<DetectionSample> shown) {

    /** Test canvases whose boxes a result keeps: a report's row of drawings, a few kilobytes of JSON per result. */
    public static final int SHOWN = 4;

    public DetectionCanvases {
        if (train.isEmpty() || validation.isEmpty()) {
            throw new IllegalArgumentException("detection needs training and validation canvases, got " + train.size()
                    + " and " + validation.size());
        }
        train = List.copyOf(train);
        validation = List.copyOf(validation);
        shown = List.copyOf(shown);
    }

    public static DetectionCanvases compose(DetectionDataset data, int train, int validation) {
        return new DetectionCanvases(data.settings(), data.numClasses(), samples(data, DetectionSplit.TRAIN, train),
                samples(data, DetectionSplit.VALIDATION, validation), shownCanvases(data));
    }

    /** The first {@link #SHOWN} test canvases, which depend on the dataset's settings alone. */
    public static List<DetectionSample> shownCanvases(DetectionDataset data) {
        return samples(data, DetectionSplit.TEST, SHOWN);
    }

    private static List<DetectionSample> samples(DetectionDataset data, DetectionSplit split, int count) {
        List<DetectionSample> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(data.sample(split, i));
        }
        return out;
    }
}
