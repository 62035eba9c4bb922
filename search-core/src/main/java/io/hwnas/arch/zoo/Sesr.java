package io.hwnas.arch.zoo;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.CollapsedLinearBlock;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.DepthToSpace;
import io.hwnas.arch.Node;
import io.hwnas.arch.PRelu;
import io.hwnas.arch.Shape;
import io.hwnas.arch.Size2;
import io.hwnas.arch.Upsample;

import java.io.Serializable;

/**
 * One SESR network (Bhardwaj et al., "Collapsible Linear Blocks for Super-Efficient Super Resolution",
 * MLSys 2022; github.com/ARM-software/sesr, {@code models/sesr.py}) on a one-channel (Y) low-resolution input:
 * a 5×5 linear block 1→f, m 3×3 linear blocks f→f each with its short residual and a PReLU, the first long
 * residual (the 5×5 block's output added after the m blocks), a 5×5 linear block f→scale², and depth-to-space.
 * The second long residual adds the input to every one of the scale² channels before depth-to-space; the IR
 * adds the nearest-upsampled input after it, which is the same sum.
 *
 * <p>A linear block trains expanded — K×K conv to p channels, then 1×1 back, no activation between — or, with
 * SESR's collapsed training, as one {@link CollapsedLinearBlock} that multiplies those two convs (and the short
 * residual) into the conv it runs each step; it deploys collapsed into one K×K conv with the short residual folded
 * in ({@code io.hwnas.transform}'s linear-block collapse does exactly this). The convs have no bias, as the deployed SESR's {@code tf.nn.conv2d};
 * so the deployed net's conv weights are SESR's published weight count, and PReLU adds f slopes per block.
 * SESR's input shift by −0.5 and final clip to [0, 1] are pre-/post-processing and not in the IR. Its ×4 net
 * applies depth-to-space by 2 twice; one by 4 is the same up to a fixed permutation of the last conv's outputs.
 *
 * @param features  f, the channels between the blocks
 * @param blocks    m, the number of 3×3 linear blocks
 * @param scale     the upscaling factor (2 or 4 in the paper)
 * @param expansion p, the channels inside an expanded linear block
 * @param ioKernel  the kernel of the input and output blocks: 5 in the paper, 3 for a cheaper variant
 * @param prelu     a PReLU after each 3×3 block as in the paper, else a ReLU (for targets without PReLU)
 */
public record Sesr(String name, int features, int blocks, int scale, int expansion, int ioKernel, boolean prelu)
        implements Serializable {

    public Sesr {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("field 'name' is required");
        }
        if (features < 1 || blocks < 1 || expansion < 1) {
            throw new IllegalArgumentException("network '" + name + "': features " + features + ", blocks " + blocks
                    + " and expansion " + expansion + " must be >= 1");
        }
        if (scale < 2) {
            throw new IllegalArgumentException("network '" + name + "': field 'scale' = " + scale + " must be >= 2");
        }
        if (ioKernel < 1 || ioKernel % 2 == 0) {
            throw new IllegalArgumentException("network '" + name + "': field 'ioKernel' = " + ioKernel
                    + " must be a positive odd size");
        }
    }

    /** The paper's SESR: 5×5 input and output blocks, PReLU. */
    public Sesr(String name, int features, int blocks, int scale, int expansion) {
        this(name, features, blocks, scale, expansion, 5, true);
    }

    /** How the linear blocks appear in a built net. */
    private enum Form { DEPLOYED, EXPANDED, COLLAPSED_TRAINING }

    /** The deployed net: every linear block one conv. */
    public Architecture deployed(Shape input) {
        return build(name, input, Form.DEPLOYED);
    }

    /** The training net: every linear block expanded to p channels, with the 3×3 blocks' short residuals. */
    public Architecture expanded(Shape input) {
        return build(name + "_expanded", input, Form.EXPANDED);
    }

    /**
     * The net for SESR's collapsed training: every linear block one {@link CollapsedLinearBlock} (the expanded
     * block's parameters, multiplied into one conv each step, short residual included), at the deployed conv's id.
     */
    public Architecture collapsedTraining(Shape input) {
        return build(name + "_collapsed_training", input, Form.COLLAPSED_TRAINING);
    }

    private Architecture build(String archName, Shape input, Form form) {
        boolean expanded = form == Form.EXPANDED;
        if (input.channels() != 1) {
            throw new IllegalArgumentException("network '" + name + "': input " + input
                    + " must have 1 channel (SESR upscales the Y channel)");
        }
        ArchitectureBuilder b = new ArchitectureBuilder(archName, input);
        String first = linearBlock(b, Node.INPUT, "input_block", ioKernel, features, form, false);
        String x = first;
        for (int i = 1; i <= blocks; i++) {
            String id = "linear_block." + i;
            String block = linearBlock(b, x, id, 3, features, form, true);
            if (expanded) {
                block = b.addFrom(id, new Add(), block, x).last();
            }
            x = prelu ? b.addFrom(id + ".prelu", new PRelu(), block).last()
                    : b.addFrom(id + ".relu", new Activation(ActivationType.RELU), block).last();
        }
        b.addFrom("residual_1", new Add(), x, first);
        linearBlock(b, "residual_1", "output_block", ioKernel, scale * scale, form, false);
        b.add("depth_to_space", new DepthToSpace(scale));
        b.addFrom("input_upsample", Upsample.nearest(scale), Node.INPUT);
        return b.addFrom("residual_2", new Add(), "depth_to_space", "input_upsample").build();
    }

    /**
     * A linear block reading {@code in}: one K×K conv named {@code id}, or expanded K×K to p then 1×1 back. In
     * an expanded block with a residual the 1×1 is {@code <id>.project}, because the residual add takes
     * {@code id}, which the collapsed conv keeps; without one the 1×1 itself takes {@code id}.
     */
    private String linearBlock(ArchitectureBuilder b, String in, String id, int kernel, int out, Form form,
                               boolean residual) {
        if (form == Form.DEPLOYED) {
            return b.addFrom(id, conv(out, kernel), in).last();
        }
        if (form == Form.COLLAPSED_TRAINING) {
            return b.addFrom(id, new CollapsedLinearBlock(out, kernel, expansion, residual), in).last();
        }
        b.addFrom(id + ".expand", conv(expansion, kernel), in);
        return b.add(residual ? id + ".project" : id, conv(out, 1)).last();
    }

    private static Conv2d conv(int out, int kernel) {
        return new Conv2d(out, Size2.of(kernel), Size2.of(1), Size2.of(kernel / 2), Size2.of(1), 1, false);
    }
}
