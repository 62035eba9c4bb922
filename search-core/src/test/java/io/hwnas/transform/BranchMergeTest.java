package io.hwnas.transform;

import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Pool2d;
import io.hwnas.arch.Size2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.hwnas.transform.Nets.assertExact;
import static io.hwnas.transform.Nets.builder;
import static io.hwnas.transform.Nets.conv;
import static io.hwnas.transform.Nets.dw;
import static io.hwnas.transform.Nets.withHead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BranchMergeTest {

    private final BranchMerge merge = new BranchMerge();

    /** RepVGG block: 3×3+BN, 1×1+BN and identity BN (stride 1), or only the two convs (stride 2). */
    @ParameterizedTest(name = "stride {0}, {1}x{1}, bias {2}")
    @CsvSource({"1, 8, false", "1, 7, true", "2, 8, false", "2, 7, true"})
    void repVggBlockMergesIntoOneConv(int stride, int size, boolean bias) {
        ArchitectureBuilder b = builder("repvgg", 4, size, size);
        b.add("stem", conv(6, 3, 1, 1, true));
        int out = stride == 1 ? 6 : 8;
        b.addFrom("b.k3", conv(out, 3, stride, 1, bias), "stem");
        b.add("b.k3.bn", BatchNorm.standard());
        b.addFrom("b.k1", conv(out, 1, stride, 0, bias), "stem");
        b.add("b.k1.bn", BatchNorm.standard());
        if (stride == 1) {
            b.addFrom("b.id", BatchNorm.standard(), "stem");
            b.addFrom("b", new Add(), "b.k3.bn", "b.k1.bn", "b.id");
        } else {
            b.addFrom("b", new Add(), "b.k3.bn", "b.k1.bn");
        }
        Architecture arch = withHead(b);
        assertEquals(java.util.List.of("b"), merge.anchors(arch));
        TransformResult r = merge.apply(arch, "b");
        Conv2d merged = (Conv2d) r.architecture().node("b").layer();
        assertEquals(new Conv2d(out, Size2.of(3), Size2.of(stride), Size2.of(1), Size2.of(1), 1, true), merged);
        assertEquals(java.util.List.of("stem"), r.architecture().node("b").inputs());
        assertEquals(4, r.architecture().nodes().size());
        assertExact(arch, r, "b");
    }

    @Test
    void acnetAsymmetricBranchesMergeIntoTheSquareKernel() {
        ArchitectureBuilder b = builder("acnet", 3, 9, 10);
        b.addFrom("sq", conv(5, 3, 2, 1, false), "input");
        b.add("sq.bn", BatchNorm.standard());
        b.addFrom("hor", conv(5, 1, 3, 2, 0, 1, false), "input");
        b.add("hor.bn", BatchNorm.standard());
        b.addFrom("ver", conv(5, 3, 1, 2, 1, 0, true), "input");
        b.add("ver.bn", BatchNorm.standard());
        b.addFrom("acb", new Add(), "sq.bn", "hor.bn", "ver.bn");
        Architecture arch = withHead(b);
        assertExact(arch, merge.apply(arch, "acb"), "acb");
    }

    /**
     * DBB: K×K + BN, 1×1 + BN, 1×1 → K×K + BN and 1×1 → avg-pool + BN; odd and even sizes, 5×5 window.
     * The 1×1s of the chains are bias-free without a BN of their own, the case that is exact at the
     * border (see {@link #oneByOneThenPaddedKxKWithBatchNormBetweenIsRefusedForItsBorder}).
     */
    @ParameterizedTest(name = "{0}x{0} kernel on {1}x{1}, stride {2}")
    @CsvSource({"3, 8, 1", "3, 7, 2", "5, 9, 1", "5, 10, 2"})
    void diverseBranchBlockMerges(int k, int size, int stride) {
        int p = (k - 1) / 2;
        ArchitectureBuilder b = builder("dbb", 4, size, size);
        b.add("stem", conv(4, 1, 1, 0, true));
        b.addFrom("kxk", conv(6, k, stride, p, false), "stem");
        b.add("kxk.bn", BatchNorm.standard());
        b.addFrom("k1", conv(6, 1, stride, 0, false), "stem");
        b.add("k1.bn", BatchNorm.standard());
        b.addFrom("chain.k1", conv(5, 1, 1, 0, false), "stem");
        b.add("chain.kxk", conv(6, k, stride, p, false));
        b.add("chain.bn", BatchNorm.standard());
        b.addFrom("avg.k1", conv(6, 1, 1, 0, false), "stem");
        b.add("avg", Pool2d.avg(3, stride, 1));
        b.add("avg.bn", BatchNorm.standard());
        b.addFrom("dbb", new Add(), "kxk.bn", "k1.bn", "chain.bn", "avg.bn");
        Architecture arch = withHead(b);
        TransformResult r = merge.apply(arch, "dbb");
        assertEquals(k, ((Conv2d) r.architecture().node("dbb").layer()).kernel().h());
        assertExact(arch, r, "dbb");
    }

    @Test
    void identityAndAvgPoolBranchesMergeIntoADepthwiseConv() {
        ArchitectureBuilder b = builder("pool-id", 3, 8, 8);
        b.add("stem", conv(4, 3, 1, 1, true));
        b.addFrom("avg", Pool2d.avg(3, 1, 1), "stem");
        b.add("avg.bn", BatchNorm.standard());
        b.addFrom("id.bn", BatchNorm.standard(), "stem");
        b.addFrom("sum", new Add(), "avg.bn", "id.bn", "stem");
        Architecture arch = withHead(b);
        TransformResult r = merge.apply(arch, "sum");
        assertTrue(r.architecture().node("sum").layer() instanceof DepthwiseConv2d);
        assertExact(arch, r, "sum");
    }

    /** MobileOne-style depthwise block: dw 3×3 + BN, dw 1×1 + BN, identity BN, stride 1 and 2. */
    @ParameterizedTest(name = "stride {0} on {1}x{1}")
    @CsvSource({"1, 8", "1, 7", "2, 8", "2, 9"})
    void depthwiseBranchesStayDepthwise(int stride, int size) {
        ArchitectureBuilder b = builder("dw-rep", 6, size, size);
        b.addFrom("dw3", dw(3, stride, 1, 1, false), "input");
        b.add("dw3.bn", BatchNorm.standard());
        b.addFrom("dw1", dw(1, stride, 0, 1, true), "input");
        b.add("dw1.bn", BatchNorm.standard());
        if (stride == 1) {
            b.addFrom("id", BatchNorm.standard(), "input");
            b.addFrom("sum", new Add(), "dw3.bn", "dw1.bn", "id");
        } else {
            b.addFrom("sum", new Add(), "dw3.bn", "dw1.bn");
        }
        Architecture arch = withHead(b);
        TransformResult r = merge.apply(arch, "sum");
        assertEquals(dw(3, stride, 1, 1, true), r.architecture().node("sum").layer());
        assertExact(arch, r, "sum");
    }

    @Test
    void depthwiseBranchesWithMultiplierTwoMerge() {
        ArchitectureBuilder b = builder("dw-mult", 3, 10, 10);
        b.addFrom("dw5", dw(5, 2, 2, 2, true), "input");
        b.add("dw5.bn", BatchNorm.standard());
        b.addFrom("dw3", dw(3, 2, 1, 2, false), "input");
        b.add("dw3.bn", BatchNorm.standard());
        b.addFrom("sum", new Add(), "dw5.bn", "dw3.bn");
        Architecture arch = withHead(b);
        TransformResult r = merge.apply(arch, "sum");
        assertEquals(dw(5, 2, 2, 2, true), r.architecture().node("sum").layer());
        assertExact(arch, r, "sum");
    }

    @Test
    void depthwiseAsGroupsMixedWithADenseConvBecomesADenseConv() {
        ArchitectureBuilder b = builder("mixed-groups", 4, 7, 7);
        b.addFrom("g", conv(8, 3, 1, 1, true).withGroups(4), "input");
        b.addFrom("d", conv(8, 1, 1, 0, false), "input");
        b.add("d.bn", BatchNorm.standard());
        b.addFrom("sum", new Add(), "g", "d.bn");
        Architecture arch = withHead(b);
        TransformResult r = merge.apply(arch, "sum");
        assertEquals(1, ((Conv2d) r.architecture().node("sum").layer()).groups());
        assertExact(arch, r, "sum");
    }

    @Test
    void windowsThatDoNotLineUpAreRefused() {
        // stride 3 on 9×9: a 3×3 with padding 1 and one with padding 0 both give 3×3 outputs,
        // but the unpadded one reads one column further right than any 3×3 window of the other
        ArchitectureBuilder b = builder("misaligned", 2, 9, 9);
        b.addFrom("p1", conv(4, 3, 3, 1, false), "input");
        b.addFrom("p0", conv(4, 3, 3, 0, false), "input");
        b.addFrom("sum", new Add(), "p1", "p0");
        Architecture arch = withHead(b);
        TransformException e = assertThrows(TransformException.class, () -> merge.apply(arch, "sum"));
        assertEquals("sum", e.node());
        assertTrue(e.getMessage().contains("conv2d 'p0'") && e.getMessage().contains("offset by (1, 1)"),
                e.getMessage());
    }

    @Test
    void oneByOneThenPaddedKxKWithBatchNormBetweenIsRefusedForItsBorder() {
        ArchitectureBuilder b = builder("dbb-border", 4, 8, 8);
        b.addFrom("kxk", conv(4, 3, 1, 1, false), "input");
        b.addFrom("chain.k1", conv(4, 1, 1, 0, false), "input");
        b.add("chain.k1.bn", BatchNorm.standard());
        b.add("chain.kxk", conv(4, 3, 1, 1, false));
        b.addFrom("sum", new Add(), "kxk", "chain.kxk");
        Architecture arch = withHead(b);
        TransformException e = assertThrows(TransformException.class, () -> merge.apply(arch, "sum"));
        assertEquals("chain.kxk", e.node());
        assertTrue(e.getMessage().contains("field 'padding' = 1 zero-pads the output of 1x1 'chain.k1.bn'")
                && e.getMessage().contains("reducing a branch of add 'sum'"), e.getMessage());
    }

    @Test
    void branchesFromDifferentTensorsAreNotMerged() {
        ArchitectureBuilder b = builder("two-sources", 4, 8, 8);
        b.add("a", conv(4, 3, 1, 1, false));
        b.add("relu", new io.hwnas.arch.Activation(io.hwnas.arch.ActivationType.RELU));
        b.add("c", conv(4, 3, 1, 1, false));
        b.addFrom("sum", new Add(), "c", "a");
        Architecture arch = withHead(b);
        assertFalse(merge.anchors(arch).contains("sum"));
        TransformException e = assertThrows(TransformException.class, () -> merge.apply(arch, "sum"));
        assertTrue(e.getMessage().contains("starts from 'relu'") && e.getMessage().contains("from 'a'"), e.getMessage());
    }

    @Test
    void dilatedBranchIsRefused() {
        ArchitectureBuilder b = builder("dilated", 2, 8, 8);
        b.addFrom("d", new Conv2d(2, Size2.of(3), Size2.of(1), Size2.of(2), Size2.of(2), 1, false), "input");
        b.addFrom("sum", new Add(), "d", "input");
        Architecture arch = withHead(b);
        TransformException e = assertThrows(TransformException.class, () -> merge.apply(arch, "sum"));
        assertEquals("d", e.node());
        assertTrue(e.getMessage().contains("field 'dilation' = 2"), e.getMessage());
    }
}
