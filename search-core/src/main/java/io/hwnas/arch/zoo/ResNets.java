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
 *
 * <p>The {@code _mini} variants keep the block structure, stage depths and ids but are sized for
 * 28×28 Fashion-MNIST so that they train in minutes on a small CPU: a 3×3 stride-1 stem without the
 * max-pool (the ImageNet stem would shrink 28×28 to 7×7 before the first block) and an eighth of
 * the width (8/16/32/64 planes). A quarter of the width (16/32/64/128) would put resnet18_mini at
 * ~0.7 M parameters, mostly in layer4; an eighth keeps both minis under 0.5 M parameters and 20 M
 * MACs while every width stays a multiple of 8, the channel block NPUs such as Ethos-U compute in.
 * At 1×28×28 and 10 classes: resnet18_mini 7.17 M MACs, 176 k parameters; resnet50_mini 16.4 M
 * MACs, 376 k parameters.
 */
public final class ResNets {

    /** Fashion-MNIST, what the minis are sized for and their no-argument factories build. */
    public static final Shape MINI_INPUT = Shape.image(1, 28, 28);
    public static final int MINI_CLASSES = 10;

    private static final int IMAGENET_WIDTH = 64;
    private static final int MINI_WIDTH = 8;

    private ResNets() {
    }

    static void register(Map<String, BiFunction<Shape, Integer, Architecture>> registry) {
        registry.put("resnet18", ResNets::resnet18);
        registry.put("resnet50", ResNets::resnet50);
        registry.put("resnet18_mini", ResNets::resnet18Mini);
        registry.put("resnet50_mini", ResNets::resnet50Mini);
    }

    public static Architecture resnet18() {
        return resnet18(ReferenceNetworks.IMAGENET_INPUT, ReferenceNetworks.IMAGENET_CLASSES);
    }

    /** He et al., "Deep Residual Learning for Image Recognition" (2016), Table 1, 18-layer column. */
    public static Architecture resnet18(Shape input, int numClasses) {
        return resnet("resnet18", input, numClasses, Stem.IMAGENET, IMAGENET_WIDTH, ResNetBlock.BASIC, 2, 2, 2, 2);
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
        return resnet("resnet50", input, numClasses, Stem.IMAGENET, IMAGENET_WIDTH, ResNetBlock.BOTTLENECK, 3, 4, 6, 3);
    }

    public static Architecture resnet18Mini() {
        return resnet18Mini(MINI_INPUT, MINI_CLASSES);
    }

    /** ResNet-18's blocks and depths (2, 2, 2, 2) with the small stem at 8/16/32/64 planes. */
    public static Architecture resnet18Mini(Shape input, int numClasses) {
        return resnet("resnet18_mini", input, numClasses, Stem.SMALL, MINI_WIDTH, ResNetBlock.BASIC, 2, 2, 2, 2);
    }

    public static Architecture resnet50Mini() {
        return resnet50Mini(MINI_INPUT, MINI_CLASSES);
    }

    /**
     * ResNet-50 v1.5's bottlenecks and full depths (3, 4, 6, 3) with the small stem at 8/16/32/64
     * planes (32/64/128/256 output channels); depth was not reduced because at this width the net
     * already fits the mini budget.
     */
    public static Architecture resnet50Mini(Shape input, int numClasses) {
        return resnet("resnet50_mini", input, numClasses, Stem.SMALL, MINI_WIDTH, ResNetBlock.BOTTLENECK, 3, 4, 6, 3);
    }

    /**
     * torchvision's {@code ResNet}: stem, four stages whose planes double from {@code width},
     * global average pool, fc.
     */
    private static Architecture resnet(String name, Shape input, int numClasses, Stem stem, int width,
                                       ResNetBlock block, int... stageDepths) {
        ArchitectureBuilder b = new ArchitectureBuilder(name, input);
        String x = stem.add(b, width);
        int channels = width;
        for (int stage = 0; stage < stageDepths.length; stage++) {
            int planes = width << stage;
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

    private enum Stem {
        /** 7×7/2 conv and 3×3/2 max-pool: 224×224 reaches the first block at 56×56. */
        IMAGENET {
            @Override
            String add(ArchitectureBuilder b, int width) {
                convBn(b, Node.INPUT, "conv1", Conv2d.same(width, 7, 2), ActivationType.RELU);
                return b.add("maxpool", Pool2d.max(3, 2, 1)).last();
            }
        },
        /** 3×3/1 conv only (the CIFAR-style stem): a 28×28 input reaches the first block at full resolution. */
        SMALL {
            @Override
            String add(ArchitectureBuilder b, int width) {
                return convBn(b, Node.INPUT, "conv1", Conv2d.same(width, 3, 1), ActivationType.RELU);
            }
        };

        /** Adds the stem reading the network input; returns the id of its last node. */
        abstract String add(ArchitectureBuilder b, int width);
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
