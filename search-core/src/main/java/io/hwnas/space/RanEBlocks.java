package io.hwnas.space;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.zoo.InvertedResidualBlock;
import io.hwnas.arch.zoo.MobileNets;

/**
 * The training-time form of each {@link RanEOption} at one block position. Every form keeps the
 * block's input and output shapes, so any mix of options is a valid net, and hangs its nodes under
 * the block's id ({@code features.<i>}) as the reference MBConv does. Every batch-norm is the base
 * net's (MobileNetV3's eps 1e-3). A block's squeeze-excite, where kept, stays on the depthwise output
 * as in the MBConv; the transforms never fold across its multiply (it is not linear), so a fused
 * block merges only expand and depthwise, before it.
 */
final class RanEBlocks {

    /** RAN-e's collapsed block is 3×3 whatever the depthwise kernel it replaces (Arm's {@code collapsed_block.py}). */
    static final int COLLAPSED_KERNEL = 3;

    private RanEBlocks() {
    }

    /** @return the id of the block's output node */
    static String add(ArchitectureBuilder b, String in, InvertedResidualBlock block, RanEOption option) {
        return switch (option) {
            case MBCONV -> MobileNets.invertedResidual(b, in, block);
            case MBCONV_NO_SE -> MobileNets.invertedResidual(b, in, block.withoutSqueezeExcite());
            case REGULAR -> regular(b, in, block);
            case LINEAR -> linear(b, in, block);
            case FUSED -> fused(b, in, block);
            case FUSED_NO_SE -> fused(b, in, block.withoutSqueezeExcite());
        };
    }

    /**
     * BN → act → 3×3 conv → BN (+ skip from the raw block input), as Arm's RAN-e {@code CollapsedBlock}.
     * The leading BN → act is there because the block before ends in a linear projection: without
     * it, this conv and that projection would form one linear map.
     */
    private static String regular(ArchitectureBuilder b, String in, InvertedResidualBlock block) {
        String id = block.id();
        preActivation(b, in, block);
        b.add(id + ".conv", Conv2d.same(block.outChannels(), COLLAPSED_KERNEL, block.stride()));
        b.add(id + ".conv.bn", block.batchNorm());
        return skip(b, in, block);
    }

    /**
     * The regular block with its 3×3 conv trained in SESR's expanded form (algorithms.md §5): 3×3
     * C_in→P, then 1×1 P→C_out, no bias and nothing between, so the two collapse exactly (borders
     * included: the 1×1 sees only in-image positions). P = t·C_in, the width the MBConv it replaces
     * expands to, so the block trains with the over-parameterisation its position already had; with
     * P ≥ C_out (true in every preset) the expanded pair can also represent any 3×3 conv. The 1×1
     * takes the id {@code .conv}, which the collapsed conv inherits, so the deployed block is the
     * {@link #regular} block node for node.
     */
    private static String linear(ArchitectureBuilder b, String in, InvertedResidualBlock block) {
        String id = block.id();
        preActivation(b, in, block);
        b.add(id + ".expand", Conv2d.same(expandedWidth(block), COLLAPSED_KERNEL, block.stride()));
        b.add(id + ".conv", Conv2d.same(block.outChannels(), 1, 1));
        b.add(id + ".conv.bn", block.batchNorm());
        return skip(b, in, block);
    }

    /** P of the {@link #linear} block. */
    static int expandedWidth(InvertedResidualBlock block) {
        return block.hiddenChannels();
    }

    /**
     * The MBConv with the expansion's BN and activation removed: bias-free 1×1 expand → k×k depthwise
     * → BN → act → 1×1 project → BN (+ skip). Removing the activation alone is not enough: the
     * expansion's BN would leave a bias on the 1×1's output, and the depthwise zero-pads that output,
     * while a merged conv would zero-pad its input instead, so the borders would differ
     * ({@code SequentialCollapse} refuses that case). Without BN and bias the 1×1 maps 0 to 0 and the
     * merge into one dense k×k conv C_in→t·C_in (EfficientNetV2's Fused-MBConv) is exact. A block
     * that squeezes and excites keeps its SE after the depthwise's activation, as the MBConv has it.
     */
    private static String fused(ArchitectureBuilder b, String in, InvertedResidualBlock block) {
        if (!block.expands()) {
            throw new IllegalArgumentException("block '" + block.id() + "' has expansion 1: option 'fused' needs a "
                    + "1x1 expansion to merge");
        }
        String id = block.id();
        ActivationType act = block.activation();
        b.addFrom(id + ".expand", Conv2d.same(block.hiddenChannels(), 1, 1), in);
        b.add(id + ".dw", DepthwiseConv2d.same(block.kernel(), block.stride()));
        b.add(id + ".dw.bn", block.batchNorm());
        String x = b.add(id + ".dw." + act.id(), new Activation(act)).last();
        if (block.squeezesAndExcites()) {
            x = MobileNets.squeezeExcite(b, x, block);
        }
        b.addFrom(id + ".project", Conv2d.same(block.outChannels(), 1, 1), x);
        b.add(id + ".project.bn", block.batchNorm());
        return skip(b, in, block);
    }

    private static void preActivation(ArchitectureBuilder b, String in, InvertedResidualBlock block) {
        b.addFrom(block.id() + ".bn", block.batchNorm(), in);
        b.add(block.id() + "." + block.activation().id(), new Activation(block.activation()));
    }

    private static String skip(ArchitectureBuilder b, String in, InvertedResidualBlock block) {
        if (!block.residual()) {
            return b.last();
        }
        return b.addFrom(block.id() + ".add", new Add(), b.last(), in).last();
    }
}
