package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.io.Serializable;
import java.util.List;

/**
 * One operation of the IR. Layers are pure descriptions: they know their output shape and their
 * own arithmetic (MACs, parameters) given input shapes, and nothing about any framework.
 *
 * <p>Counting convention (shared/docs/reference-numbers.md, as torchvision/fvcore count): a K×K
 * conv with C_in→C_out in g groups on an H_out×W_out output costs K·K·(C_in/g)·C_out·H_out·W_out
 * MACs; a dense layer C_in·C_out. Batch-norm, activations, pooling and adds cost no MACs; they are
 * counted as element operations instead, as are PReLU and multiply (one per output element) and the pure data
 * movement of depth-to-space and upsampling (one per output element). Trainable parameters include BN γ/β and
 * PReLU's per-channel slopes; BN running mean/variance are reported separately as state.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "op")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Conv2d.class, name = "conv2d"),
    @JsonSubTypes.Type(value = DepthwiseConv2d.class, name = "depthwise_conv2d"),
    @JsonSubTypes.Type(value = Dense.class, name = "dense"),
    @JsonSubTypes.Type(value = BatchNorm.class, name = "batch_norm"),
    @JsonSubTypes.Type(value = LayerNorm.class, name = "layer_norm"),
    @JsonSubTypes.Type(value = Activation.class, name = "activation"),
    @JsonSubTypes.Type(value = Pool2d.class, name = "pool2d"),
    @JsonSubTypes.Type(value = GlobalPool.class, name = "global_pool"),
    @JsonSubTypes.Type(value = Add.class, name = "add"),
    @JsonSubTypes.Type(value = Concat.class, name = "concat"),
    @JsonSubTypes.Type(value = Flatten.class, name = "flatten"),
    @JsonSubTypes.Type(value = Dropout.class, name = "dropout"),
    @JsonSubTypes.Type(value = PRelu.class, name = "prelu"),
    @JsonSubTypes.Type(value = Multiply.class, name = "multiply"),
    @JsonSubTypes.Type(value = DepthToSpace.class, name = "depth_to_space"),
    @JsonSubTypes.Type(value = Upsample.class, name = "upsample"),
    @JsonSubTypes.Type(value = CollapsedLinearBlock.class, name = "collapsed_linear_block")
})
public sealed interface Layer extends Serializable
        permits Conv2d, DepthwiseConv2d, Dense, BatchNorm, LayerNorm, Activation, Pool2d, GlobalPool, Add, Concat, Flatten,
        Dropout, PRelu, Multiply, DepthToSpace, Upsample, CollapsedLinearBlock {

    /**
     * The output shape for these inputs.
     *
     * @throws IllegalArgumentException naming the field and value that make the inputs unacceptable
     */
    Shape outputShape(List<Shape> inputs);

    default long macs(List<Shape> inputs, Shape output) {
        return 0;
    }

    default long trainableParams(List<Shape> inputs, Shape output) {
        return 0;
    }

    /** Non-trainable state saved with the model (BN running statistics). */
    default long stateParams(List<Shape> inputs, Shape output) {
        return 0;
    }

    /** Element-wise work that is not a MAC: normalisation, activation, pooling window reads, adds. */
    default long elementOps(List<Shape> inputs, Shape output) {
        return 0;
    }

    /**
     * The layer a device runs in this one's place: itself, unless training parameterises it differently from how
     * it deploys (a {@link CollapsedLinearBlock} runs as its one conv). Cost models read this.
     */
    default Layer inference() {
        return this;
    }
}
