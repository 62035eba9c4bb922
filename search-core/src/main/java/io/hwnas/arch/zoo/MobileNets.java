package io.hwnas.arch.zoo;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Shape;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import static io.hwnas.arch.zoo.ZooBlocks.convBn;

/**
 * Inverted-residual (MBConv) networks: MobileNetV2, EfficientNet-Lite0 and two small 28×28
 * variants of them, all built by {@link InvertedResidualNet} from a stage table.
 */
public final class MobileNets {

    /**
     * MobileNetV2 at width 1.0: Table 2 of Sandler et al., "MobileNetV2: Inverted Residuals and Linear
     * Bottlenecks" (2018), identical to torchvision's {@code inverted_residual_setting}; every
     * depthwise is 3×3.
     */
    public static final InvertedResidualNet MOBILENET_V2 = new InvertedResidualNet("mobilenet_v2", 32, 2, List.of(
            new InvertedResidualStage(1, 16, 1, 1, 3),
            new InvertedResidualStage(6, 24, 2, 2, 3),
            new InvertedResidualStage(6, 32, 3, 2, 3),
            new InvertedResidualStage(6, 64, 4, 2, 3),
            new InvertedResidualStage(6, 96, 3, 1, 3),
            new InvertedResidualStage(6, 160, 3, 2, 3),
            new InvertedResidualStage(6, 320, 1, 1, 3)), 1280, 0.2, ActivationType.RELU6);

    /**
     * EfficientNet-Lite0 as TF's {@code efficientnet_lite0} (tensorflow/tpu, models/official/efficientnet/lite):
     * EfficientNet-B0's stages (Tan and Le, "EfficientNet: Rethinking Model Scaling for CNNs", 2019,
     * Table 1) without squeeze-excite and with ReLU6 instead of swish, stem 32 and head 1280. At
     * width/depth 1.0 the lite changes to the stem and head ("fixed while scaling") are no-ops. TF pads
     * stride-2 convs asymmetrically ("same"); the IR pads symmetrically as the PyTorch ports do, which
     * gives the same output sizes at 224 and so the same counts.
     */
    public static final InvertedResidualNet EFFICIENTNET_LITE0 = new InvertedResidualNet("efficientnet_lite0", 32, 2,
            List.of(
                    new InvertedResidualStage(1, 16, 1, 1, 3),
                    new InvertedResidualStage(6, 24, 2, 2, 3),
                    new InvertedResidualStage(6, 40, 2, 2, 5),
                    new InvertedResidualStage(6, 80, 3, 2, 3),
                    new InvertedResidualStage(6, 112, 3, 1, 5),
                    new InvertedResidualStage(6, 192, 4, 2, 5),
                    new InvertedResidualStage(6, 320, 1, 1, 3)), 1280, 0.2, ActivationType.RELU6);

    /**
     * MobileNetV2 cut down for 1×28×28 inputs so that a candidate trains in minutes on a 2-core CPU:
     * stem stride 1 (28×28 cannot afford an early halving), three halvings to 4×4 instead of five,
     * narrower stages and head. Keeps the block types: a t = 1 first block, stride-2 stage openers
     * and residual repeats.
     */
    public static final InvertedResidualNet MOBILENET_V2_MINI = new InvertedResidualNet("mobilenet_v2_mini", 16, 1,
            List.of(
                    new InvertedResidualStage(1, 8, 1, 1, 3),
                    new InvertedResidualStage(6, 16, 2, 2, 3),
                    new InvertedResidualStage(6, 24, 2, 2, 3),
                    new InvertedResidualStage(6, 32, 2, 2, 3)), 256, 0.2, ActivationType.RELU6);

    /** EfficientNet-Lite0 cut down like {@link #MOBILENET_V2_MINI}, keeping Lite0's 5×5 stages. */
    public static final InvertedResidualNet EFFICIENTNET_LITE0_MINI = new InvertedResidualNet("efficientnet_lite0_mini",
            16, 1, List.of(
                    new InvertedResidualStage(1, 8, 1, 1, 3),
                    new InvertedResidualStage(6, 16, 2, 2, 3),
                    new InvertedResidualStage(6, 24, 2, 2, 5),
                    new InvertedResidualStage(6, 40, 2, 2, 3),
                    new InvertedResidualStage(6, 48, 1, 1, 5)), 256, 0.2, ActivationType.RELU6);

    private static final Map<String, InvertedResidualNet> PRESETS = presetMap(MOBILENET_V2, EFFICIENTNET_LITE0,
            MOBILENET_V2_MINI, EFFICIENTNET_LITE0_MINI);

    private MobileNets() {
    }

    static void register(Map<String, BiFunction<Shape, Integer, Architecture>> registry) {
        for (InvertedResidualNet net : PRESETS.values()) {
            registry.put(net.name(), net::build);
        }
    }

    /** The stage tables by name ({@code mobilenet_v2}, {@code efficientnet_lite0}, and the {@code _mini}s). */
    public static Map<String, InvertedResidualNet> presets() {
        return PRESETS;
    }

    public static Architecture mobileNetV2() {
        return mobileNetV2(ReferenceNetworks.IMAGENET_INPUT, ReferenceNetworks.IMAGENET_CLASSES);
    }

    /** MobileNetV2 at width multiplier 1.0, as torchvision's {@code mobilenet_v2()}. */
    public static Architecture mobileNetV2(Shape input, int numClasses) {
        return MOBILENET_V2.build(input, numClasses);
    }

    public static Architecture efficientNetLite0() {
        return efficientNetLite0(ReferenceNetworks.IMAGENET_INPUT, ReferenceNetworks.IMAGENET_CLASSES);
    }

    public static Architecture efficientNetLite0(Shape input, int numClasses) {
        return EFFICIENTNET_LITE0.build(input, numClasses);
    }

    /**
     * The MBConv: expand 1×1 → depthwise k×k → linear project 1×1, each followed by BN, the first two
     * by the activation. The projection has no activation because the MobileNetV2 paper (section 3.2)
     * shows a non-linearity on the narrow bottleneck destroys information; the skip is used only when
     * shapes agree, and the expansion is omitted at t = 1 as in torchvision and TF.
     *
     * @return the id of the block's output node
     */
    public static String invertedResidual(ArchitectureBuilder b, String in, InvertedResidualBlock block) {
        String id = block.id();
        ActivationType act = block.activation();
        String x = in;
        if (block.expands()) {
            x = convBn(b, x, id + ".expand", Conv2d.same(block.hiddenChannels(), 1, 1), act);
        }
        x = convBn(b, x, id + ".dw", DepthwiseConv2d.same(block.kernel(), block.stride()), act);
        x = convBn(b, x, id + ".project", Conv2d.same(block.outChannels(), 1, 1), null);
        if (block.residual()) {
            x = b.addFrom(id + ".add", new Add(), x, in).last();
        }
        return x;
    }

    private static Map<String, InvertedResidualNet> presetMap(InvertedResidualNet... nets) {
        Map<String, InvertedResidualNet> m = new LinkedHashMap<>();
        for (InvertedResidualNet n : nets) {
            m.put(n.name(), n);
        }
        return Collections.unmodifiableMap(m);
    }
}
