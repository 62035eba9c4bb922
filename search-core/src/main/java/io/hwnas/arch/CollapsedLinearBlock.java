package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A collapsible linear block trained collapsed (SESR's "collapsed training", Bhardwaj et al., MLSys 2022): its
 * parameters are the expanded block's — a K×K conv C→P and a 1×1 conv P→O, no bias — but each step multiplies
 * them into the one K×K conv C→O they compose (plus the identity when the block has a short residual, C = O) and
 * runs that conv. So the forward pass costs what the deployed block costs, while training still sees P-channel
 * over-parameterisation. Stride 1, "same" padding for odd K.
 *
 * <p>Counted as that one conv: K·K·C·O MACs per output pixel. The weight product itself, once per step whatever
 * the batch, is not a per-image cost and is left out (for SESR-M5 ×2 it is 4% of a step on 32 64×64 patches).
 * Trainable parameters are the expanded block's P·C·K·K + O·P. Devices run {@link #deployed()}.
 *
 * @param outChannels O
 * @param kernel      K, odd
 * @param expansion   P, the channels of the expanded block
 * @param residual    whether the block's short residual (the identity, C = O) is part of the conv
 */
public record CollapsedLinearBlock(int outChannels, int kernel, int expansion, boolean residual) implements Layer {

    public CollapsedLinearBlock {
        Inputs.positive("outChannels", outChannels);
        Inputs.positive("expansion", expansion);
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("field 'kernel' = " + kernel + " must be a positive odd size");
        }
    }

    @JsonCreator
    static CollapsedLinearBlock fromJson(@JsonProperty("outChannels") Integer outChannels,
                                         @JsonProperty("kernel") Integer kernel,
                                         @JsonProperty("expansion") Integer expansion,
                                         @JsonProperty("residual") Boolean residual) {
        return new CollapsedLinearBlock(Inputs.required("outChannels", outChannels), Inputs.required("kernel", kernel),
                Inputs.required("expansion", expansion), Inputs.orDefault(residual, false));
    }

    /** The one conv this block computes, and deploys as. */
    public Conv2d deployed() {
        return Conv2d.same(outChannels, kernel, 1);
    }

    /**
     * Where the short residual's identity sits in the collapsed weight seen as [out, in·k·k] (in = out): output
     * channel {@code o} reads its own input channel at the kernel centre. The trained layer and the weight transfer
     * both add it here.
     */
    public static int identityColumn(int outChannel, int kernel) {
        return outChannel * kernel * kernel + (kernel / 2) * kernel + kernel / 2;
    }

    @Override
    public Layer inference() {
        return deployed();
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = Inputs.singleSpatial(inputs);
        if (residual && in.channels() != outChannels) {
            throw new IllegalArgumentException("field 'residual' = true needs outChannels " + outChannels
                    + " equal to the input channels " + in.channels());
        }
        return deployed().outputShape(inputs);
    }

    @Override
    public long macs(List<Shape> inputs, Shape output) {
        return deployed().macs(inputs, output);
    }

    @Override
    public long trainableParams(List<Shape> inputs, Shape output) {
        return (long) expansion * inputs.get(0).channels() * kernel * kernel + (long) outChannels * expansion;
    }
}
