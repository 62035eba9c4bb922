package io.hwnas.transform;

import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Flatten;
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

class BatchNormFoldTest {

    private final BatchNormFold fold = new BatchNormFold();

    @ParameterizedTest(name = "{0}x{0} stride {1} bias {2} on {3}x{3}")
    @CsvSource({"3, 1, false, 8", "3, 2, true, 7", "1, 2, false, 8", "5, 2, true, 9", "2, 1, true, 7"})
    void convThenBatchNormFoldsExactly(int k, int stride, boolean bias, int size) {
        ArchitectureBuilder b = builder("conv-bn", 3, size, size);
        b.add("c", conv(6, k, stride, (k - 1) / 2, bias));
        b.add("bn", new BatchNorm(1e-3, 0.9));
        Architecture arch = withHead(b);
        TransformResult r = fold.apply(arch, "bn");
        Conv2d folded = (Conv2d) r.architecture().node("bn").layer();
        assertTrue(folded.bias());
        assertEquals(arch.nodes().size() - 1, r.architecture().nodes().size());
        assertExact(arch, r, "bn");
    }

    @Test
    void depthwiseAndGroupedDepthwiseFoldExactly() {
        ArchitectureBuilder b = builder("dw-bn", 4, 9, 9);
        b.add("dw", dw(3, 2, 1, 2, false));
        b.add("dw.bn", BatchNorm.standard());
        b.add("g", conv(8, 3, 1, 1, true).withGroups(8));
        b.add("g.bn", BatchNorm.standard());
        Architecture arch = withHead(b);
        TransformResult r = fold.apply(arch, "dw.bn").then(fold, "g.bn");
        assertTrue(r.architecture().node("dw.bn").layer() instanceof DepthwiseConv2d d && d.bias() && d.multiplier() == 2);
        assertEquals(8, ((Conv2d) r.architecture().node("g.bn").layer()).groups());
        assertExact(arch, r, "g.bn");
    }

    @Test
    void denseThenBatchNormFoldsExactly() {
        ArchitectureBuilder b = builder("dense-bn", 2, 4, 4);
        b.add("flat", new Flatten());
        b.add("fc1", new Dense(10, false));
        b.add("fc1.bn", BatchNorm.standard());
        b.add("out", Dense.of(3));
        Architecture arch = b.build();
        assertExact(arch, fold.apply(arch, "fc1.bn"), "out");
    }

    @Test
    void convWhoseOutputIsAlsoReadElsewhereIsRefused() {
        ArchitectureBuilder b = builder("shared", 4, 8, 8);
        b.add("c", conv(4, 3, 1, 1, false));
        b.add("bn", BatchNorm.standard());
        b.addFrom("sum", new Add(), "bn", "c");
        Architecture arch = withHead(b);
        TransformException e = assertThrows(TransformException.class, () -> fold.apply(arch, "bn"));
        assertEquals("bn", e.node());
        assertTrue(e.getMessage().contains("'c' is also read by [sum]"), e.getMessage());
    }

    @Test
    void batchNormAfterSomethingThatIsNotALayerIsNotAnAnchorAndIsRefused() {
        ArchitectureBuilder b = builder("after-add", 4, 8, 8);
        b.add("c", conv(4, 3, 1, 1, false));
        b.addFrom("sum", new Add(), "c", "input");
        b.add("bn", BatchNorm.standard());
        Architecture arch = withHead(b);
        assertFalse(fold.anchors(arch).contains("bn"));
        TransformException e = assertThrows(TransformException.class, () -> fold.apply(arch, "bn"));
        assertTrue(e.getMessage().contains("'sum' is add"), e.getMessage());
    }
}
