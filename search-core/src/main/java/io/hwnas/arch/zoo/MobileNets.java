package io.hwnas.arch.zoo;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Node;
import io.hwnas.arch.Shape;

import java.util.Map;
import java.util.function.BiFunction;

import static io.hwnas.arch.zoo.ZooBlocks.classifier;
import static io.hwnas.arch.zoo.ZooBlocks.convBn;

/** Inverted-residual (MBConv) networks: MobileNetV2. */
public final class MobileNets {

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

    private MobileNets() {
    }

    static void register(Map<String, BiFunction<Shape, Integer, Architecture>> registry) {
        registry.put("mobilenet_v2", MobileNets::mobileNetV2);
    }

    public static Architecture mobileNetV2() {
        return mobileNetV2(ReferenceNetworks.IMAGENET_INPUT, ReferenceNetworks.IMAGENET_CLASSES);
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

}
