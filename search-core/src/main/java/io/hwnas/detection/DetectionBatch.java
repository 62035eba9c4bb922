package io.hwnas.detection;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

/** Consecutive canvases of one split, as a network consumes them. */
public record DetectionBatch(List<DetectionSample> samples) {

    public DetectionBatch {
        if (samples == null || samples.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one sample");
        }
        samples = List.copyOf(samples);
    }

    public int size() {
        return samples.size();
    }

    /** The canvases as one (N, 1, H, W) array in [0, 1]. */
    public INDArray images() {
        int side = samples.get(0).size();
        float[] all = new float[samples.size() * side * side];
        for (int i = 0; i < samples.size(); i++) {
            System.arraycopy(samples.get(i).pixels(), 0, all, i * side * side, side * side);
        }
        return Nd4j.create(all, new long[] {samples.size(), 1, side, side}, 'c');
    }

    /** Each canvas's ground truth, in batch order. */
    public List<List<GroundTruth>> groundTruths() {
        return samples.stream().map(DetectionSample::groundTruths).toList();
    }
}
