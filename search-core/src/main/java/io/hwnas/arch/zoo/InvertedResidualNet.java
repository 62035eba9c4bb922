package io.hwnas.arch.zoo;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Node;
import io.hwnas.arch.Shape;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import static io.hwnas.arch.zoo.ZooBlocks.classifier;
import static io.hwnas.arch.zoo.ZooBlocks.convBn;

/**
 * The skeleton MobileNetV2, V3 and EfficientNet(-Lite) share: 3×3 stem conv → a table of
 * inverted-residual stages → 1×1 head conv → global pool → [fc → activation (MobileNetV3)] → dropout →
 * fc, the net's activation wherever a stage does not name its own.
 * Node ids follow torchvision's {@code features.<i>} numbering (stem 0, blocks 1..n, head n+1), so
 * a block keeps its id whatever builder fills it, which is what lets a search space swap blocks.
 *
 * @param stemStride         2 for ImageNet nets; 1 for the 28×28 minis, which cannot afford to halve early
 * @param classifierChannels the hidden fc's width before the last fc (MobileNetV3's 1280), or 0 for none
 * @param squeezeExcite      how the stages that squeeze and excite do it; null when none does
 * @param batchNorm          every conv's batch-norm (torchvision's MobileNetV3 uses eps 1e-3, momentum 0.01)
 */
public record InvertedResidualNet(String name, int stemChannels, int stemStride, List<InvertedResidualStage> stages,
                                  int lastChannels, int classifierChannels, double dropout, ActivationType activation,
                                  SqueezeExcite squeezeExcite, BatchNorm batchNorm) implements Serializable {

    /** Adds one block reading {@code in} and returns the id of its output node. */
    @FunctionalInterface
    public interface BlockBuilder {
        String add(ArchitectureBuilder b, String in, InvertedResidualBlock block);
    }

    public InvertedResidualNet {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("field 'name' is required");
        }
        if (stemChannels < 1) {
            throw new IllegalArgumentException("field 'stemChannels' = " + stemChannels + " must be >= 1");
        }
        if (stemStride < 1) {
            throw new IllegalArgumentException("field 'stemStride' = " + stemStride + " must be >= 1");
        }
        if (stages == null || stages.isEmpty()) {
            throw new IllegalArgumentException("field 'stages' must list at least one stage");
        }
        stages = List.copyOf(stages);
        if (lastChannels < 1) {
            throw new IllegalArgumentException("field 'lastChannels' = " + lastChannels + " must be >= 1");
        }
        if (classifierChannels < 0) {
            throw new IllegalArgumentException("field 'classifierChannels' = " + classifierChannels + " must be >= 0");
        }
        if (squeezeExcite == null && stages.stream().anyMatch(InvertedResidualStage::squeezeExcite)) {
            throw new IllegalArgumentException("network '" + name + "': a stage squeezes and excites but field "
                    + "'squeezeExcite' is not set");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("field 'dropout' = " + dropout + " must be in [0, 1)");
        }
        if (activation == null) {
            throw new IllegalArgumentException("field 'activation' is required");
        }
        if (batchNorm == null) {
            throw new IllegalArgumentException("field 'batchNorm' is required");
        }
    }

    /** A net without squeeze-excite or hidden classifier fc, one activation throughout (MobileNetV2, Lite0). */
    public InvertedResidualNet(String name, int stemChannels, int stemStride, List<InvertedResidualStage> stages,
                               int lastChannels, double dropout, ActivationType activation) {
        this(name, stemChannels, stemStride, stages, lastChannels, 0, dropout, activation, null, BatchNorm.standard());
    }

    /**
     * The same net with every activation (stem, blocks, head) replaced, e.g. hard-swish as in RAN-e's Lite-B0;
     * squeeze-excite keeps its own.
     */
    public InvertedResidualNet withActivation(ActivationType newActivation) {
        return new InvertedResidualNet(name, stemChannels, stemStride,
                stages.stream().map(InvertedResidualStage::withNetActivation).toList(), lastChannels, classifierChannels,
                dropout, newActivation, squeezeExcite, batchNorm);
    }

    /** Every block position in execution order, {@code features.1} first. */
    public List<InvertedResidualBlock> blocks() {
        List<InvertedResidualBlock> out = new ArrayList<>();
        int channels = stemChannels;
        int index = 1;
        for (InvertedResidualStage stage : stages) {
            for (int i = 0; i < stage.repeats(); i++, index++) {
                int stride = i == 0 ? stage.stride() : 1;
                out.add(new InvertedResidualBlock("features." + index, index, channels, stage.channels(),
                        stage.expandedChannels(channels), stride, stage.kernel(),
                        stage.activation() == null ? activation : stage.activation(),
                        stage.squeezeExcite() ? squeezeExcite : null, batchNorm));
                channels = stage.channels();
            }
        }
        return out;
    }

    /** The reference net: every block the MBConv of {@link MobileNets#invertedResidual}. */
    public Architecture build(Shape input, int numClasses) {
        return build(name, input, numClasses, MobileNets::invertedResidual);
    }

    /** This skeleton with each block position filled by {@code blocks}. */
    public Architecture build(String archName, Shape input, int numClasses, BlockBuilder blocks) {
        ArchitectureBuilder b = new ArchitectureBuilder(archName, input);
        String x = convBn(b, Node.INPUT, "features.0", Conv2d.same(stemChannels, 3, stemStride), batchNorm, activation);
        List<InvertedResidualBlock> all = blocks();
        for (InvertedResidualBlock block : all) {
            x = blocks.add(b, x, block);
        }
        convBn(b, x, "features." + (all.size() + 1), Conv2d.same(lastChannels, 1, 1), batchNorm, activation);
        return classifier(b, classifierChannels, activation, dropout, numClasses);
    }
}
