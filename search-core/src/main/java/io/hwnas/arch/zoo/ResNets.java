package io.hwnas.arch.zoo;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Node;
import io.hwnas.arch.Pool2d;
import io.hwnas.arch.Shape;

import java.util.Map;
import java.util.function.BiFunction;

import static io.hwnas.arch.zoo.ZooBlocks.classifier;
import static io.hwnas.arch.zoo.ZooBlocks.convBn;

/**
 * ResNets as torchvision builds them. Node ids follow torchvision's module names where one exists
 * ({@code layer2.0.conv1}, {@code layer2.0.downsample}, {@code fc}).
 */
public final class ResNets {

    private ResNets() {
    }

    static void register(Map<String, BiFunction<Shape, Integer, Architecture>> registry) {
        registry.put("resnet18", ResNets::resnet18);
        registry.put("resnet50", ResNets::resnet50);
    }

    public static Architecture resnet18() {
        return resnet18(ReferenceNetworks.IMAGENET_INPUT, ReferenceNetworks.IMAGENET_CLASSES);
    }

    /** He et al., "Deep Residual Learning for Image Recognition" (2016), Table 1, 18-layer column. */
    public static Architecture resnet18(Shape input, int numClasses) {
        return resnet("resnet18", input, numClasses, ResNetBlock.BASIC, 2, 2, 2, 2);
    }

    public static Architecture resnet50() {
        return resnet50(ReferenceNetworks.IMAGENET_INPUT, ReferenceNetworks.IMAGENET_CLASSES);
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

}
