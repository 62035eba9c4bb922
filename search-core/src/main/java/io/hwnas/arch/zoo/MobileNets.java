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
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Multiply;
import io.hwnas.arch.Shape;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static io.hwnas.arch.zoo.ZooBlocks.convBn;

/**
 * Inverted-residual (MBConv) networks: MobileNetV2, EfficientNet-Lite0, and with squeeze-excite
 * MobileNetV3-Large/Small and EfficientNet-B0, each with a small 28×28 variant, all built by
 * {@link InvertedResidualNet} from a stage table.
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

    /** torchvision's MobileNetV3 batch-norm: eps 1e-3, PyTorch momentum 0.01 (a running-average decay of 0.99). */
    public static final BatchNorm MOBILENET_V3_BATCH_NORM = new BatchNorm(1e-3, 0.99);

    /**
     * MobileNetV3-Large 1.0 as torchvision's {@code mobilenet_v3_large()} (Howard et al., "Searching for
     * MobileNetV3", 2019, Table 1): hard-swish stem and head, ReLU in the first six blocks, squeeze-excite with
     * a hard-sigmoid gate where the table says so, 960-channel head conv and a 1280 hidden fc.
     */
    public static final InvertedResidualNet MOBILENET_V3_LARGE = new InvertedResidualNet("mobilenet_v3_large", 16, 2,
            List.of(
                    InvertedResidualStage.bneck(3, 16, 16, false, ActivationType.RELU, 1),
                    InvertedResidualStage.bneck(3, 64, 24, false, ActivationType.RELU, 2),
                    InvertedResidualStage.bneck(3, 72, 24, false, ActivationType.RELU, 1),
                    InvertedResidualStage.bneck(5, 72, 40, true, ActivationType.RELU, 2),
                    InvertedResidualStage.bneck(5, 120, 40, true, ActivationType.RELU, 1),
                    InvertedResidualStage.bneck(5, 120, 40, true, ActivationType.RELU, 1),
                    InvertedResidualStage.bneck(3, 240, 80, false, ActivationType.HARD_SWISH, 2),
                    InvertedResidualStage.bneck(3, 200, 80, false, ActivationType.HARD_SWISH, 1),
                    InvertedResidualStage.bneck(3, 184, 80, false, ActivationType.HARD_SWISH, 1),
                    InvertedResidualStage.bneck(3, 184, 80, false, ActivationType.HARD_SWISH, 1),
                    InvertedResidualStage.bneck(3, 480, 112, true, ActivationType.HARD_SWISH, 1),
                    InvertedResidualStage.bneck(3, 672, 112, true, ActivationType.HARD_SWISH, 1),
                    InvertedResidualStage.bneck(5, 672, 160, true, ActivationType.HARD_SWISH, 2),
                    InvertedResidualStage.bneck(5, 960, 160, true, ActivationType.HARD_SWISH, 1),
                    InvertedResidualStage.bneck(5, 960, 160, true, ActivationType.HARD_SWISH, 1)),
            960, 1280, 0.2, ActivationType.HARD_SWISH, SqueezeExcite.MOBILENET_V3, MOBILENET_V3_BATCH_NORM);

    /** MobileNetV3-Small 1.0 as torchvision's {@code mobilenet_v3_small()} (Howard et al. 2019, Table 2). */
    public static final InvertedResidualNet MOBILENET_V3_SMALL = new InvertedResidualNet("mobilenet_v3_small", 16, 2,
            List.of(
                    InvertedResidualStage.bneck(3, 16, 16, true, ActivationType.RELU, 2),
                    InvertedResidualStage.bneck(3, 72, 24, false, ActivationType.RELU, 2),
                    InvertedResidualStage.bneck(3, 88, 24, false, ActivationType.RELU, 1),
                    InvertedResidualStage.bneck(5, 96, 40, true, ActivationType.HARD_SWISH, 2),
                    InvertedResidualStage.bneck(5, 240, 40, true, ActivationType.HARD_SWISH, 1),
                    InvertedResidualStage.bneck(5, 240, 40, true, ActivationType.HARD_SWISH, 1),
                    InvertedResidualStage.bneck(5, 120, 48, true, ActivationType.HARD_SWISH, 1),
                    InvertedResidualStage.bneck(5, 144, 48, true, ActivationType.HARD_SWISH, 1),
                    InvertedResidualStage.bneck(5, 288, 96, true, ActivationType.HARD_SWISH, 2),
                    InvertedResidualStage.bneck(5, 576, 96, true, ActivationType.HARD_SWISH, 1),
                    InvertedResidualStage.bneck(5, 576, 96, true, ActivationType.HARD_SWISH, 1)),
            576, 1024, 0.2, ActivationType.HARD_SWISH, SqueezeExcite.MOBILENET_V3, MOBILENET_V3_BATCH_NORM);

    /**
     * EfficientNet-B0 as torchvision's {@code efficientnet_b0()}: Lite0's stage table with squeeze-excite in
     * every block and SiLU throughout (Tan and Le 2019, Table 1).
     */
    public static final InvertedResidualNet EFFICIENTNET_B0 = withSqueezeExcite("efficientnet_b0", EFFICIENTNET_LITE0);

    /** MobileNetV3-Large cut down like {@link #MOBILENET_V2_MINI}, keeping its mix of ReLU/hard-swish and SE rows. */
    public static final InvertedResidualNet MOBILENET_V3_LARGE_MINI = new InvertedResidualNet(
            "mobilenet_v3_large_mini", 16, 1, List.of(
                    InvertedResidualStage.bneck(3, 16, 16, false, ActivationType.RELU, 1),
                    InvertedResidualStage.bneck(3, 48, 24, false, ActivationType.RELU, 2),
                    InvertedResidualStage.bneck(3, 72, 24, false, ActivationType.RELU, 1),
                    InvertedResidualStage.bneck(5, 72, 40, true, ActivationType.RELU, 2),
                    InvertedResidualStage.bneck(5, 120, 40, true, ActivationType.RELU, 1),
                    InvertedResidualStage.bneck(3, 160, 48, false, ActivationType.HARD_SWISH, 2),
                    InvertedResidualStage.bneck(5, 192, 48, true, ActivationType.HARD_SWISH, 1)),
            256, 256, 0.2, ActivationType.HARD_SWISH, SqueezeExcite.MOBILENET_V3, MOBILENET_V3_BATCH_NORM);

    /** MobileNetV3-Small cut down like {@link #MOBILENET_V2_MINI}. */
    public static final InvertedResidualNet MOBILENET_V3_SMALL_MINI = new InvertedResidualNet(
            "mobilenet_v3_small_mini", 16, 1, List.of(
                    InvertedResidualStage.bneck(3, 16, 16, true, ActivationType.RELU, 1),
                    InvertedResidualStage.bneck(3, 48, 24, false, ActivationType.RELU, 2),
                    InvertedResidualStage.bneck(3, 72, 24, false, ActivationType.RELU, 1),
                    InvertedResidualStage.bneck(5, 96, 40, true, ActivationType.HARD_SWISH, 2),
                    InvertedResidualStage.bneck(5, 120, 40, true, ActivationType.HARD_SWISH, 1),
                    InvertedResidualStage.bneck(5, 144, 48, true, ActivationType.HARD_SWISH, 2)),
            256, 256, 0.2, ActivationType.HARD_SWISH, SqueezeExcite.MOBILENET_V3, MOBILENET_V3_BATCH_NORM);

    /** EfficientNet-B0 cut down like Lite0's mini: its stages with squeeze-excite and SiLU. */
    public static final InvertedResidualNet EFFICIENTNET_B0_MINI = withSqueezeExcite("efficientnet_b0_mini",
            EFFICIENTNET_LITE0_MINI);

    private static final Map<String, InvertedResidualNet> PRESETS = presetMap(MOBILENET_V2, EFFICIENTNET_LITE0,
            MOBILENET_V2_MINI, EFFICIENTNET_LITE0_MINI);
    /** The nets whose blocks squeeze and excite; kept apart from {@link #presets()}, whose blocks have no SE. */
    private static final Map<String, InvertedResidualNet> SQUEEZE_EXCITE_PRESETS = presetMap(MOBILENET_V3_LARGE,
            MOBILENET_V3_SMALL, EFFICIENTNET_B0, MOBILENET_V3_LARGE_MINI, MOBILENET_V3_SMALL_MINI, EFFICIENTNET_B0_MINI);
    private static final Map<String, InvertedResidualNet> ALL_PRESETS = presetMap(
            Stream.concat(PRESETS.values().stream(), SQUEEZE_EXCITE_PRESETS.values().stream())
                    .toArray(InvertedResidualNet[]::new));

    private MobileNets() {
    }

    static void register(Map<String, BiFunction<Shape, Integer, Architecture>> registry) {
        for (InvertedResidualNet net : ALL_PRESETS.values()) {
            registry.put(net.name(), net::build);
        }
    }

    /**
     * The stage tables without squeeze-excite by name ({@code mobilenet_v2}, {@code efficientnet_lite0}, and the
     * {@code _mini}s).
     */
    public static Map<String, InvertedResidualNet> presets() {
        return PRESETS;
    }

    /** The stage tables with squeeze-excite by name (MobileNetV3-Large/Small, EfficientNet-B0 and their minis). */
    public static Map<String, InvertedResidualNet> squeezeExcitePresets() {
        return SQUEEZE_EXCITE_PRESETS;
    }

    /** Every stage table by name, those of {@link #presets()} first, then those of {@link #squeezeExcitePresets()}. */
    public static Map<String, InvertedResidualNet> allPresets() {
        return ALL_PRESETS;
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
     * The MBConv: expand 1×1 → depthwise k×k → [squeeze-excite] → linear project 1×1, each conv followed by
     * BN, the first two by the activation. The projection has no activation because the MobileNetV2 paper
     * (section 3.2) shows a non-linearity on the narrow bottleneck destroys information; the skip is used
     * only when shapes agree, and the expansion is omitted at t = 1 as in torchvision and TF.
     *
     * @return the id of the block's output node
     */
    public static String invertedResidual(ArchitectureBuilder b, String in, InvertedResidualBlock block) {
        String id = block.id();
        ActivationType act = block.activation();
        String x = in;
        if (block.expands()) {
            x = convBn(b, x, id + ".expand", Conv2d.same(block.hiddenChannels(), 1, 1), block.batchNorm(), act);
        }
        x = convBn(b, x, id + ".dw", DepthwiseConv2d.same(block.kernel(), block.stride()), block.batchNorm(), act);
        if (block.squeezesAndExcites()) {
            x = squeezeExcite(b, x, block);
        }
        x = convBn(b, x, id + ".project", Conv2d.same(block.outChannels(), 1, 1), block.batchNorm(), null);
        if (block.residual()) {
            x = b.addFrom(id + ".add", new Add(), x, in).last();
        }
        return x;
    }

    /**
     * Squeeze-excite on {@code in} (the block's depthwise output): pool → fc → activation → fc → gate →
     * channel-wise multiply, under {@code <block>.se}; the multiply takes the id {@code <block>.se}.
     *
     * @return the id of the multiply
     */
    public static String squeezeExcite(ArchitectureBuilder b, String in, InvertedResidualBlock block) {
        SqueezeExcite se = block.squeezeExcite();
        String id = block.id() + ".se";
        b.addFrom(id + ".pool", GlobalPool.avg(), in);
        b.add(id + ".fc1", Dense.of(block.squeezeChannels()));
        b.add(id + ".fc1." + se.activation().id(), new Activation(se.activation()));
        b.add(id + ".fc2", Dense.of(block.hiddenChannels()));
        b.add(id + ".fc2." + se.gate().id(), new Activation(se.gate()));
        return b.addFrom(id, new Multiply(), in, b.last()).last();
    }

    /** {@code lite}'s stage table with EfficientNet's squeeze-excite in every block and SiLU throughout. */
    private static InvertedResidualNet withSqueezeExcite(String name, InvertedResidualNet lite) {
        return new InvertedResidualNet(name, lite.stemChannels(), lite.stemStride(),
                lite.stages().stream().map(InvertedResidualStage::withSqueezeExcite).toList(), lite.lastChannels(), 0,
                lite.dropout(), ActivationType.SILU, SqueezeExcite.EFFICIENTNET, lite.batchNorm());
    }

    private static Map<String, InvertedResidualNet> presetMap(InvertedResidualNet... nets) {
        Map<String, InvertedResidualNet> m = new LinkedHashMap<>();
        for (InvertedResidualNet n : nets) {
            m.put(n.name(), n);
        }
        return Collections.unmodifiableMap(m);
    }
}
