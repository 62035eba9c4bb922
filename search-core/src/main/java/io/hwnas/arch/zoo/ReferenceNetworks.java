package io.hwnas.arch.zoo;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Dropout;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Layer;
import io.hwnas.arch.Node;
import io.hwnas.arch.Pool2d;
import io.hwnas.arch.Shape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Well-known ImageNet networks expressed in the IR, layer for layer as torchvision builds them, so
 * that counting and cost models can be checked against published MACs and parameter counts
 * (shared/docs/reference-numbers.md) and so that searched nets have familiar baselines.
 *
 * <p>Node ids follow torchvision's module names where one exists ({@code layer2.0.conv1},
 * {@code layer2.0.downsample}, {@code fc}); a conv's batch-norm and activation hang under the conv's
 * id ({@code layer2.0.conv1.bn}, {@code layer2.0.conv1.relu}) so the conv–BN pairs that get folded
 * at inference are visible from the ids alone.
 */
public final class ReferenceNetworks {

    public static final Shape IMAGENET_INPUT = Shape.image(3, 224, 224);
    public static final int IMAGENET_CLASSES = 1000;

    private static final Map<String, BiFunction<Shape, Integer, Architecture>> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("resnet18", ReferenceNetworks::resnet18);
        BY_NAME.put("resnet50", ReferenceNetworks::resnet50);
        BY_NAME.put("mobilenet_v2", ReferenceNetworks::mobileNetV2);
    }

    /**
     * MobileNetV2 stages as rows (expansion t, output channels c, repeats n, first stride s):
     * Table 2 of Sandler et al., "MobileNetV2: Inverted Residuals and Linear Bottlenecks" (2018),
     * identical to torchvision's {@code inverted_residual_setting} at width 1.0.
     */
    private static final int[][] MOBILENET_V2_STAGES = {
        {1, 16, 1, 1},
        {6, 24, 2, 2},
        {6, 32, 3, 2},
        {6, 64, 4, 2},
        {6, 96, 3, 1},
        {6, 160, 3, 2},
        {6, 320, 1, 1},
    };
    private static final int MOBILENET_V2_STEM = 32;
    private static final int MOBILENET_V2_LAST = 1280;
    private static final double MOBILENET_V2_DROPOUT = 0.2;

    private ReferenceNetworks() {
    }

    /** The names {@link #byName} accepts. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /**
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Architecture byName(String name, Shape input, int numClasses) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        BiFunction<Shape, Integer, Architecture> factory = BY_NAME.get(key);
        if (factory == null) {
            throw new IllegalArgumentException("unknown reference network '" + name + "' (known: "
                    + String.join(", ", BY_NAME.keySet()) + ")");
        }
        return factory.apply(input, numClasses);
    }

    public static Architecture resnet18() {
        return resnet18(IMAGENET_INPUT, IMAGENET_CLASSES);
    }

    /** He et al., "Deep Residual Learning for Image Recognition" (2016), Table 1, 18-layer column. */
    public static Architecture resnet18(Shape input, int numClasses) {
        return resnet("resnet18", input, numClasses, ResNetBlock.BASIC, 2, 2, 2, 2);
    }

    public static Architecture resnet50() {
        return resnet50(IMAGENET_INPUT, IMAGENET_CLASSES);
    }

    /**
     * ResNet-50 v1.5 as in torchvision: the stride of a down-sampling bottleneck sits on its 3×3 conv
     * rather than on the first 1×1 as in the paper (torchvision's {@code Bottleneck} note, after
     * Goyal et al., "Training ImageNet in 1 Hour", 2017). The first 1×1 then runs at full resolution,
     * ~0.23 G more MACs than the paper's 3.86 G, and this is the variant whose 4.09 G MACs are quoted.
     */
    public static Architecture resnet50(Shape input, int numClasses) {
        return resnet("resnet50", input, numClasses, ResNetBlock.BOTTLENECK, 3, 4, 6, 3);
    }

    public static Architecture mobileNetV2() {
        return mobileNetV2(IMAGENET_INPUT, IMAGENET_CLASSES);
    }

    /** MobileNetV2 at width multiplier 1.0, as torchvision's {@code mobilenet_v2()}. */
    public static Architecture mobileNetV2(Shape input, int numClasses) {
        ArchitectureBuilder b = new ArchitectureBuilder("mobilenet_v2", input);
        String x = convBn(b, Node.INPUT, "features.0", Conv2d.same(MOBILENET_V2_STEM, 3, 2), ActivationType.RELU6);
        int channels = MOBILENET_V2_STEM;
        int feature = 1;
        for (int[] stage : MOBILENET_V2_STAGES) {
            int expansion = stage[0];
            int outChannels = stage[1];
            for (int i = 0; i < stage[2]; i++, feature++) {
                int stride = i == 0 ? stage[3] : 1;
                x = invertedResidual(b, x, "features." + feature, channels, outChannels, stride, expansion);
                channels = outChannels;
            }
        }
        convBn(b, x, "features." + feature, Conv2d.same(MOBILENET_V2_LAST, 1, 1), ActivationType.RELU6);
        return classifier(b, MOBILENET_V2_DROPOUT, numClasses);
    }

    /** torchvision's {@code ResNet}: 7×7/2 stem, 3×3/2 max-pool, four stages, global average pool, fc. */
    private static Architecture resnet(String name, Shape input, int numClasses, ResNetBlock block, int... stageDepths) {
        ArchitectureBuilder b = new ArchitectureBuilder(name, input);
        convBn(b, Node.INPUT, "conv1", Conv2d.same(64, 7, 2), ActivationType.RELU);
        String x = b.add("maxpool", Pool2d.max(3, 2, 1)).last();
        int channels = 64;
        for (int stage = 0; stage < stageDepths.length; stage++) {
            int planes = 64 << stage;
            int outChannels = planes * block.expansion;
            for (int i = 0; i < stageDepths[stage]; i++) {
                // torchvision halves the resolution in the first block of every stage after the first
                int stride = stage > 0 && i == 0 ? 2 : 1;
                String prefix = "layer" + (stage + 1) + "." + i + ".";
                String residual = block.residual(b, x, prefix, planes, stride);
                String shortcut = x;
                if (stride != 1 || channels != outChannels) {
                    // torchvision's "option B" projection shortcut: 1×1 conv with the block's stride, then BN
                    shortcut = convBn(b, x, prefix + "downsample", Conv2d.same(outChannels, 1, stride), null);
                }
                b.addFrom(prefix + "add", new Add(), residual, shortcut);
                x = b.add(prefix + "relu", new Activation(ActivationType.RELU)).last();
                channels = outChannels;
            }
        }
        return classifier(b, 0, numClasses);
    }

    private enum ResNetBlock {
        /** Two 3×3 convs. */
        BASIC(1) {
            @Override
            String residual(ArchitectureBuilder b, String in, String prefix, int planes, int stride) {
                String x = convBn(b, in, prefix + "conv1", Conv2d.same(planes, 3, stride), ActivationType.RELU);
                return convBn(b, x, prefix + "conv2", Conv2d.same(planes, 3, 1), null);
            }
        },
        /** 1×1 reduce, 3×3 carrying the stride (v1.5), 1×1 expand to 4× the width. */
        BOTTLENECK(4) {
            @Override
            String residual(ArchitectureBuilder b, String in, String prefix, int planes, int stride) {
                String x = convBn(b, in, prefix + "conv1", Conv2d.same(planes, 1, 1), ActivationType.RELU);
                x = convBn(b, x, prefix + "conv2", Conv2d.same(planes, 3, stride), ActivationType.RELU);
                return convBn(b, x, prefix + "conv3", Conv2d.same(planes * expansion, 1, 1), null);
            }
        };

        final int expansion;

        ResNetBlock(int expansion) {
            this.expansion = expansion;
        }

        /** Adds the residual branch reading {@code in}; returns the id of its last (BN) node. */
        abstract String residual(ArchitectureBuilder b, String in, String prefix, int planes, int stride);
    }

    /**
     * Expand 1×1 → depthwise 3×3 → linear project 1×1. The projection has no activation because the
     * paper (section 3.2) shows ReLU on the narrow bottleneck destroys information; the skip is used
     * only when shapes agree, and the expansion is omitted at t = 1 as in torchvision.
     */
    private static String invertedResidual(ArchitectureBuilder b, String in, String id, int inChannels,
                                           int outChannels, int stride, int expansion) {
        String x = in;
        if (expansion != 1) {
            x = convBn(b, x, id + ".expand", Conv2d.same(inChannels * expansion, 1, 1), ActivationType.RELU6);
        }
        x = convBn(b, x, id + ".dw", DepthwiseConv2d.same(3, stride), ActivationType.RELU6);
        x = convBn(b, x, id + ".project", Conv2d.same(outChannels, 1, 1), null);
        if (stride == 1 && inChannels == outChannels) {
            x = b.addFrom(id + ".add", new Add(), x, in).last();
        }
        return x;
    }

    /**
     * conv (no bias: the following BN's β makes it redundant, as in torchvision) → BN → optional
     * activation, reading {@code from}; the BN and activation ids hang under the conv's id.
     *
     * @return the id of the last node added
     */
    private static String convBn(ArchitectureBuilder b, String from, String id, Layer conv, ActivationType act) {
        b.addFrom(id, conv, from);
        b.add(id + ".bn", BatchNorm.standard());
        if (act != null) {
            b.add(id + "." + act.id(), new Activation(act));
        }
        return b.last();
    }

    /** Global average pool → optional dropout → fc with bias, continuing from the last node. */
    private static Architecture classifier(ArchitectureBuilder b, double dropout, int numClasses) {
        b.add("avgpool", GlobalPool.avg());
        if (dropout > 0) {
            b.add("dropout", new Dropout(dropout));
        }
        return b.add("fc", Dense.of(numClasses)).build();
    }
}
