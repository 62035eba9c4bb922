package io.hwnas.transform;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Dropout;
import io.hwnas.arch.Flatten;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Node;
import io.hwnas.arch.Pool2d;
import io.hwnas.arch.Shape;
import io.hwnas.arch.zoo.MobileNets;
import io.hwnas.arch.zoo.ResNets;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hwnas.transform.Nets.assertExact;
import static io.hwnas.transform.Nets.builder;
import static io.hwnas.transform.Nets.conv;
import static io.hwnas.transform.Nets.dw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CollapseTest {

    /** RepVGG stages, an ACNet block, a SESR block and a BN'd classifier in one training-time net. */
    private static Architecture trainingTimeNet() {
        ArchitectureBuilder b = builder("train-form", 3, 15, 15);
        repVgg(b, "s1", "input", 8, 2);
        repVgg(b, "s2", "s1.act", 8, 1);
        b.addFrom("ac.sq", conv(8, 3, 1, 1, false), "s2.act");
        b.add("ac.sq.bn", BatchNorm.standard());
        b.addFrom("ac.h", conv(8, 1, 3, 1, 0, 1, false), "s2.act");
        b.add("ac.h.bn", BatchNorm.standard());
        b.addFrom("ac.v", conv(8, 3, 1, 1, 1, 0, false), "s2.act");
        b.add("ac.v.bn", BatchNorm.standard());
        b.addFrom("ac", new Add(), "ac.sq.bn", "ac.h.bn", "ac.v.bn");
        b.add("ac.act", new Activation(ActivationType.HARD_SWISH));
        b.add("sesr.expand", conv(32, 3, 1, 1, true));
        b.add("sesr.id", new Activation(ActivationType.IDENTITY));
        b.add("sesr.project", conv(8, 1, 1, 0, true));
        b.addFrom("sesr", new Add(), "sesr.project", "ac.act");
        b.add("sesr.act", new Activation(ActivationType.RELU));
        b.add("pool", Pool2d.max(2, 2, 0));
        b.add("flat", new Flatten());
        b.add("drop", new Dropout(0.2));
        b.add("fc1", new Dense(12, false));
        b.add("fc1.bn", BatchNorm.standard());
        b.add("fc1.act", new Activation(ActivationType.RELU));
        b.add("fc", Dense.of(4));
        return b.build();
    }

    private static void repVgg(ArchitectureBuilder b, String id, String in, int out, int stride) {
        b.addFrom(id + ".k3", conv(out, 3, stride, 1, false), in);
        b.add(id + ".k3.bn", BatchNorm.standard());
        b.addFrom(id + ".k1", conv(out, 1, stride, 0, false), in);
        b.add(id + ".k1.bn", BatchNorm.standard());
        if (stride == 1) {
            b.addFrom(id + ".id", BatchNorm.standard(), in);
            b.addFrom(id, new Add(), id + ".k3.bn", id + ".k1.bn", id + ".id");
        } else {
            b.addFrom(id, new Add(), id + ".k3.bn", id + ".k1.bn");
        }
        b.add(id + ".act", new Activation(ActivationType.RELU));
    }

    @Test
    void trainingTimeNetCollapsesToOneConvPerBlockExactly() {
        Architecture arch = trainingTimeNet();
        CollapseResult c = Collapse.exact().apply(arch);
        List<String> ids = c.architecture().nodes().stream().map(Node::id).toList();
        assertEquals(List.of("s1", "s1.act", "s2", "s2.act", "ac", "ac.act", "sesr", "sesr.act", "pool", "flat",
                "fc1.bn", "fc1.act", "fc"), ids);
        for (String conv : List.of("s1", "s2", "ac", "sesr")) {
            assertTrue(c.architecture().node(conv).layer() instanceof Conv2d, conv);
        }
        assertTrue(c.applied().stream().anyMatch(rw -> rw.transform().equals(NoOpRemoval.NAME) && rw.at().equals("drop")));
        assertTrue(c.applied().stream().anyMatch(rw -> rw.transform().equals(BranchMerge.NAME) && rw.at().equals("sesr")));
        assertExact(arch, c.result(), "fc");
        // the deployed form is a fixpoint
        assertEquals(List.of(), Collapse.exact().apply(c.architecture()).applied());
    }

    /**
     * MobileNetV2 block without activations (RAN-e): dw → 1×1 collapses; 1×1 + BN → padded dw does not
     * (border), so the residual add, whose branch is then not one linear op, stays too.
     */
    @Test
    void invertedResidualWithoutActivationsCollapsesAsFarAsIsExact() {
        ArchitectureBuilder b = builder("mbconv-linear", 4, 8, 8);
        b.add("stem", conv(8, 3, 1, 1, true));
        b.add("stem.act", new Activation(ActivationType.RELU6));
        b.add("expand", conv(24, 1, 1, 0, false));
        b.add("expand.bn", BatchNorm.standard());
        b.add("dw", DepthwiseConv2d.same(3, 1));
        b.add("dw.bn", BatchNorm.standard());
        b.add("project", conv(8, 1, 1, 0, false));
        b.add("project.bn", BatchNorm.standard());
        b.addFrom("res", new Add(), "project.bn", "stem.act");
        b.add("gp", GlobalPool.avg());
        b.add("fc", Dense.of(3));
        Architecture arch = b.build();
        CollapseResult c = Collapse.exact().apply(arch);
        assertEquals(List.of("stem", "stem.act", "expand.bn", "project.bn", "res", "gp", "fc"),
                c.architecture().nodes().stream().map(Node::id).toList());
        assertTrue(c.refusals().stream().anyMatch(r -> r.reason().contains("zero-pads the output of 1x1 'expand.bn'")),
                c.refusals().toString());
        assertExact(arch, c.result(), "res");
    }

    @Test
    void depthwiseNetStaysDepthwise() {
        ArchitectureBuilder b = builder("dw-net", 6, 16, 16);
        b.add("dw", dw(5, 2, 2, 1, false));
        b.add("dw.bn", BatchNorm.standard());
        b.add("dw.act", new Activation(ActivationType.RELU));
        b.add("gp", GlobalPool.avg());
        b.add("fc", Dense.of(2));
        Architecture arch = b.build();
        CollapseResult c = Collapse.exact().apply(arch);
        assertTrue(c.architecture().node("dw.bn").layer() instanceof DepthwiseConv2d);
        assertExact(arch, c.result(), "dw.bn");
    }

    @Test
    void resNet18FoldsEveryBatchNormAndMergesNothingAcrossItsActivations() {
        Architecture arch = ResNets.resnet18(Shape.image(3, 32, 32), 10);
        CollapseResult c = Collapse.exact().apply(arch);
        long bns = arch.nodes().stream().filter(n -> n.layer() instanceof BatchNorm).count();
        assertEquals(20, bns);
        assertEquals(bns, c.applied().size());
        assertTrue(c.applied().stream().allMatch(r -> r.transform().equals(BatchNormFold.NAME)));
        assertTrue(ArchitectureCounts.of(c.architecture()).macs() == ArchitectureCounts.of(arch).macs());
    }

    @Test
    void macPolicyVetoesCollapsingALinearBottleneckIntoTheNextExpansion() {
        Architecture arch = MobileNets.mobileNetV2(Shape.image(3, 32, 32), 10);
        CollapseResult all = Collapse.exact().apply(arch);
        CollapseResult cheap = Collapse.exact().withPolicy(RewritePolicy.macsNotIncreased()).apply(arch);
        long macs = ArchitectureCounts.of(arch).macs();
        assertTrue(ArchitectureCounts.of(all.architecture()).macs() > macs);
        assertEquals(macs, ArchitectureCounts.of(cheap.architecture()).macs());
        assertTrue(all.applied().stream().anyMatch(r -> r.transform().equals(SequentialCollapse.NAME)));
        assertTrue(cheap.refusals().stream().anyMatch(r -> r.reason().contains("would raise the network's MACs")),
                cheap.refusals().toString());
    }
}
