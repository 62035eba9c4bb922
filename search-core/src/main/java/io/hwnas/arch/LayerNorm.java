package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Layer normalisation over the channels at each position (ConvNeXt's channels-last LayerNorm), with
 * a learned per-channel γ and β. Unlike batch-norm it has no running statistics and cannot be folded
 * into the neighbouring conv, so it stays in the deployed form.
 *
 * <p>DL4J 1.0.0-M2 has no channel-wise LayerNorm for convolutional activations; hwnas trains it with
 * its own oneDNN layer ({@link io.hwnas.dl4j.onednn.OneDnnLayerNorm}). Only DL4J's built-in layers
 * ({@link io.hwnas.dl4j.LayerKernels#DL4J}, a test reference) still stand in with batch norm.
 */
public record LayerNorm(double eps) implements Layer {

    /** torchvision's ConvNeXt uses 1e-6. */
    public static final double DEFAULT_EPS = 1e-6;
    /** Mean, variance, normalise, scale-and-shift: four passes over the tensor. */
    private static final int PASSES = 4;

    public LayerNorm {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("field 'eps' = " + eps + " must be > 0");
        }
    }

    @JsonCreator
    static LayerNorm fromJson(@JsonProperty("eps") Double eps) {
        return new LayerNorm(Inputs.orDefault(eps, DEFAULT_EPS));
    }

    public static LayerNorm standard() {
        return new LayerNorm(DEFAULT_EPS);
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Inputs.single(inputs);
    }

    @Override
    public long trainableParams(List<Shape> inputs, Shape output) {
        return 2L * output.channels();
    }

    @Override
    public long elementOps(List<Shape> inputs, Shape output) {
        return PASSES * output.elements();
    }
}
