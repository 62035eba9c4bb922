package io.hwnas.transform;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Conv2d;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequentialCollapseTest {

    private final SequentialCollapse collapse = new SequentialCollapse();

    /** K×K (C→P, any stride/padding, BN, bias) then 1×1 (P→O, stride 1 or 2): exact, borders included. */
    @ParameterizedTest(name = "{0}x{0} stride {1} pad {2}, 1x1 stride {3}, bias {4}, {5}x{5}")
    @CsvSource({"3, 1, 1, 1, true, 8", "3, 2, 1, 1, false, 7", "3, 2, 0, 2, true, 9", "5, 1, 2, 2, true, 8",
        "2, 2, 0, 1, true, 7", "1, 2, 0, 1, true, 8"})
    void kxkThenPointwiseCollapses(int k, int stride, int pad, int pwStride, boolean bias, int size) {
        ArchitectureBuilder b = builder("kxk-1x1", 3, size, size);
        b.add("expand", conv(12, k, stride, pad, bias));
        b.add("expand.bn", BatchNorm.standard());
        b.add("project", conv(5, 1, pwStride, 0, bias));
        Architecture arch = withHead(b);
        TransformResult r = collapse.apply(arch, "project");
        assertEquals(new Conv2d(5, Size2.of(k), Size2.of(stride * pwStride), Size2.of(pad), Size2.of(1), 1, true),
                r.architecture().node("project").layer());
        assertExact(arch, r, "project");
    }

    /** 1×1 without bias then padded K×K: B's zero padding equals the 1×1's output at zero input. */
    @ParameterizedTest(name = "3x3 stride {0} on {1}x{1}")
    @CsvSource({"1, 8", "2, 7", "2, 8"})
    void biasFreePointwiseThenPaddedKxKCollapses(int stride, int size) {
        ArchitectureBuilder b = builder("1x1-kxk", 4, size, size);
        b.add("squeeze", conv(10, 1, 1, 0, false));
        b.add("spatial", conv(6, 3, stride, 1, true));
        b.add("spatial.bn", BatchNorm.standard());
        Architecture arch = withHead(b);
        assertExact(arch, collapse.apply(arch, "spatial"), "spatial.bn");
    }

    @Test
    void pointwiseWithBiasThenUnpaddedKxKCollapses() {
        ArchitectureBuilder b = builder("1x1-kxk-valid", 4, 9, 9);
        b.add("squeeze", conv(6, 1, 1, 0, true));
        b.add("squeeze.bn", BatchNorm.standard());
        b.add("spatial", conv(5, 3, 2, 0, true));
        Architecture arch = withHead(b);
        assertExact(arch, collapse.apply(arch, "spatial"), "spatial");
    }

    @Test
    void depthwiseSeparablePairCollapsesIntoADenseConv() {
        ArchitectureBuilder b = builder("dw-separable", 6, 8, 8);
        b.add("dw", dw(3, 2, 1, 2, false));
        b.add("dw.bn", BatchNorm.standard());
        b.add("pw", conv(8, 1, 1, 0, false));
        Architecture arch = withHead(b);
        TransformResult r = collapse.apply(arch, "pw");
        assertEquals(new Conv2d(8, Size2.of(3), Size2.of(2), Size2.of(1), Size2.of(1), 1, true),
                r.architecture().node("pw").layer());
        assertExact(arch, r, "pw");
    }

    @Test
    void pointwiseThenAvgPoolCollapses() {
        ArchitectureBuilder b = builder("1x1-avg", 3, 7, 7);
        b.add("pw", conv(4, 1, 1, 0, false));
        b.add("avg", Pool2d.avg(3, 2, 1));
        Architecture arch = withHead(b);
        assertExact(arch, collapse.apply(arch, "avg"), "avg");
    }

    @Test
    void chainOfThreeCollapsesStepByStep() {
        ArchitectureBuilder b = builder("chain", 4, 8, 8);
        b.add("a", conv(8, 1, 1, 0, false));
        b.add("b", conv(8, 3, 1, 1, false));
        b.add("b.bn", BatchNorm.standard());
        b.add("c", conv(4, 1, 1, 0, true));
        Architecture arch = withHead(b);
        TransformResult r = collapse.apply(arch, "b").then(collapse, "c");
        assertEquals(3, r.architecture().nodes().size());
        assertExact(arch, r, "c");
    }

    @Test
    void pointwiseWithFoldedBatchNormBeforePaddedKxKIsRefused() {
        ArchitectureBuilder b = builder("border", 4, 8, 8);
        b.add("squeeze", conv(6, 1, 1, 0, false));
        b.add("squeeze.bn", BatchNorm.standard());
        b.add("spatial", conv(5, 3, 1, 1, false));
        Architecture arch = withHead(b);
        TransformException e = assertThrows(TransformException.class, () -> collapse.apply(arch, "spatial"));
        assertEquals("spatial", e.node());
        assertTrue(e.getMessage().contains("field 'padding' = 1 zero-pads the output of 1x1 'squeeze.bn'")
                && e.getMessage().contains("border"), e.getMessage());
    }

    @Test
    void stridedPointwiseBeforeKxKIsRefused() {
        ArchitectureBuilder b = builder("strided-1x1", 4, 8, 8);
        b.add("squeeze", conv(6, 1, 2, 0, false));
        b.add("spatial", conv(5, 3, 1, 1, false));
        Architecture arch = withHead(b);
        TransformException e = assertThrows(TransformException.class, () -> collapse.apply(arch, "spatial"));
        assertEquals("squeeze", e.node());
        assertTrue(e.getMessage().contains("field 'stride' = 2") && e.getMessage().contains("dilated"), e.getMessage());
    }

    @Test
    void twoSpatialKernelsAreRefused() {
        ArchitectureBuilder b = builder("3x3-3x3", 4, 8, 8);
        b.add("a", conv(6, 3, 1, 1, false));
        b.add("b", conv(5, 3, 1, 1, false));
        Architecture arch = withHead(b);
        TransformException e = assertThrows(TransformException.class, () -> collapse.apply(arch, "b"));
        assertTrue(e.getMessage().startsWith("node 'b': neither conv2d 'a' (3x3"), e.getMessage());
    }

    @Test
    void paddedPointwiseAfterKxKIsRefused() {
        ArchitectureBuilder b = builder("padded-1x1", 4, 8, 8);
        b.add("a", conv(6, 3, 1, 0, false));
        b.add("b", conv(5, 1, 1, 1, true));
        Architecture arch = withHead(b);
        TransformException e = assertThrows(TransformException.class, () -> collapse.apply(arch, "b"));
        assertTrue(e.getMessage().contains("field 'padding' = 1 on a 1x1"), e.getMessage());
    }

    @Test
    void intermediateReadElsewhereIsRefused() {
        ArchitectureBuilder b = builder("shared-mid", 4, 8, 8);
        b.add("a", conv(4, 3, 1, 1, false));
        b.add("b", conv(4, 1, 1, 0, false));
        b.addFrom("sum", new io.hwnas.arch.Add(), "a", "b");
        Architecture arch = withHead(b);
        TransformException e = assertThrows(TransformException.class, () -> collapse.apply(arch, "b"));
        assertTrue(e.getMessage().contains("'a' is also read by [sum]"), e.getMessage());
    }
}
