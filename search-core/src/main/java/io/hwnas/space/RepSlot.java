package io.hwnas.space;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Pool2d;
import io.hwnas.arch.Size2;
import io.hwnas.transform.BatchNormFold;
import io.hwnas.transform.BranchMerge;
import io.hwnas.transform.SequentialCollapse;
import io.hwnas.transform.TransformException;
import io.hwnas.transform.TransformResult;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One conv slot of a RepNAS net: a diverse-branch block whose switched-on branches each end in a
 * batch-norm, are summed, and feed the activation. Knows its geometry, the branches it offers, how
 * to build its training-time form and which rewrites turn that form into one conv.
 *
 * @param id {@code s<stage>.b<block>}, the prefix of its dimensions and node ids
 * @param branches the offered branches in canonical order (the identity only where the block keeps
 *     its shape)
 */
record RepSlot(String id, int in, int out, int stride, List<RepBranch> branches) implements Serializable {

    RepSlot {
        branches = List.copyOf(branches);
    }

    /** The slots of {@code stages} in order, each offering those of {@code offered} that fit it. */
    static List<RepSlot> of(int inputChannels, List<RepStage> stages, List<RepBranch> offered) {
        List<RepSlot> slots = new ArrayList<>();
        int in = inputChannels;
        for (int s = 0; s < stages.size(); s++) {
            RepStage stage = stages.get(s);
            for (int b = 0; b < stage.blocks(); b++) {
                int stride = b == 0 ? stage.stride() : 1;
                boolean keepsShape = stride == 1 && in == stage.channels();
                List<RepBranch> fit = offered.stream().filter(x -> !x.isIdentity() || keepsShape).toList();
                slots.add(new RepSlot("s" + s + ".b" + b, in, stage.channels(), stride, fit));
                in = stage.channels();
            }
        }
        return slots;
    }

    /** The dimension name of a branch, also the node-id prefix of its layers: {@code s0.b1.3x3}. */
    String dimension(RepBranch branch) {
        return id + "." + branch.id();
    }

    String add() {
        return id + ".add";
    }

    String activation() {
        return id + ".act";
    }

    /** Adds the training-time block reading {@code source}; returns the id of its activation. */
    String build(ArchitectureBuilder b, String source, List<RepBranch> on, ActivationType act) {
        List<String> outputs = new ArrayList<>(on.size());
        for (RepBranch branch : on) {
            outputs.add(buildBranch(b, source, branch));
        }
        String sum = outputs.get(0);
        if (outputs.size() > 1) {
            b.addFrom(add(), new Add(), outputs.toArray(String[]::new));
            sum = add();
        }
        b.addFrom(activation(), new Activation(act), sum);
        return activation();
    }

    /**
     * The chains put a bias-free 1×1 without a batch-norm of its own before the padded 3×3 conv or
     * avg-pool (DBB has one there). The padded op reads zeros at the border; a BN'd 1×1 would put
     * its shift there in the collapsed conv instead, which only bias-padding could reproduce and a
     * plain zero-padded conv cannot, so {@link SequentialCollapse} refuses that form. The 1×1 runs at
     * stride 1 and the 3×3 carries the stride: a strided 1×1 first would need a dilated kernel.
     */
    private String buildBranch(ArchitectureBuilder b, String source, RepBranch branch) {
        String p = dimension(branch);
        switch (branch) {
            case IDENTITY -> {
                b.addFrom(p + ".bn", BatchNorm.standard(), source);
                return p + ".bn";
            }
            case CONV_1X1_3X3 -> {
                // DBB's inner width for dense convs: the input channels
                b.addFrom(p + ".conv1", pointwise(in), source);
                b.add(p + ".conv", conv(RepBranch.CONV_3X3.window(), stride));
            }
            case CONV_1X1_AVG -> {
                b.addFrom(p + ".conv", pointwise(out), source);
                // the graph builder divides by the full window, padding included, so this is a conv
                b.add(p + ".avg", Pool2d.avg(3, stride, 1));
            }
            default -> b.addFrom(p + ".conv", conv(branch.window(), stride), source);
        }
        b.add(p + ".bn", BatchNorm.standard());
        return p + ".bn";
    }

    /** Zero "same" padding so every branch's window is centred like the 3×3's and they line up. */
    private Conv2d conv(Size2 kernel, int s) {
        return new Conv2d(out, kernel, Size2.of(s), new Size2((kernel.h() - 1) / 2, (kernel.w() - 1) / 2),
                Size2.of(1), 1, false);
    }

    private static Conv2d pointwise(int channels) {
        return new Conv2d(channels, Size2.of(1), Size2.of(1), Size2.of(0), Size2.of(1), 1, false);
    }

    /**
     * The rewrites that turn this slot's block into one conv with bias, applied to {@code r}.
     * Targeted rather than left to {@link io.hwnas.transform.Collapse#deployment()}: its MAC veto
     * keeps blocks whose branches together count fewer MACs than the merged kernel (1×3 + 3×1 has
     * 6 taps to the merged 9; a lone 1×1 → avg-pool counts only the 1×1, pooling being element ops)
     * in their multi-branch form, but a RepNAS block deploys as one conv by definition.
     */
    TransformResult collapse(TransformResult r, List<RepBranch> on) {
        try {
            if (on.size() > 1) {
                return r.then(new BranchMerge(), add());
            }
            RepBranch branch = on.get(0);
            String p = dimension(branch);
            TransformResult single = switch (branch) {
                case CONV_1X1_3X3 -> r.then(new SequentialCollapse(), p + ".conv");
                case CONV_1X1_AVG -> r.then(new SequentialCollapse(), p + ".avg");
                default -> r;
            };
            return single.then(new BatchNormFold(), p + ".bn");
        } catch (TransformException e) {
            throw e.within("deploying RepNAS slot '" + id + "' with branches " + on);
        }
    }
}
