package io.hwnas.transform;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Size2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.hwnas.transform.Nets.assertExact;
import static io.hwnas.transform.Nets.builder;
import static io.hwnas.transform.Nets.conv;
import static io.hwnas.transform.Nets.withHead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearBlockCollapseTest {

    private final LinearBlockCollapse block = new LinearBlockCollapse();

    /** SESR block: K×K expand C→P, 1×1 project P→C, residual; the result is one K×K conv C→C. */
    @ParameterizedTest(name = "{0}x{0}, P = {1}, {2}x{2}, bn {3}")
    @CsvSource({"3, 32, 8, false", "3, 16, 7, true", "5, 24, 9, true"})
    void residualLinearBlockCollapses(int k, int expanded, int size, boolean bn) {
        ArchitectureBuilder b = builder("sesr", 4, size, size);
        b.add("x", conv(8, 3, 1, 1, true));
        b.add("x.act", new Activation(ActivationType.RELU));
        b.add("blk.expand", conv(expanded, k, 1, (k - 1) / 2, true));
        if (bn) {
            b.add("blk.expand.bn", BatchNorm.standard());
        }
        b.add("blk.project", conv(8, 1, 1, 0, !bn));
        if (bn) {
            b.add("blk.project.bn", BatchNorm.standard());
        }
        b.addFrom("blk", new Add(), b.last(), "x.act");
        Architecture arch = withHead(b);
        assertTrue(block.anchors(arch).contains("blk"));
        TransformResult r = block.apply(arch, "blk");
        assertEquals(new Conv2d(8, Size2.of(k), Size2.of(1), Size2.of((k - 1) / 2), Size2.of(1), 1, true),
                r.architecture().node("blk").layer());
        assertEquals(List.of("x.act"), r.architecture().node("blk").inputs());
        assertExact(arch, r, "blk");
    }

    @Test
    void blockWithoutResidualChangesChannelsAndStride() {
        ArchitectureBuilder b = builder("sesr-down", 3, 9, 9);
        b.add("blk.expand", conv(64, 3, 2, 1, true));
        b.add("blk.project", conv(6, 1, 1, 0, true));
        Architecture arch = withHead(b);
        assertExact(arch, block.apply(arch, "blk.project"), "blk.project");
    }

    @Test
    void activationInsideTheBlockIsRefused() {
        ArchitectureBuilder b = builder("not-linear", 4, 8, 8);
        b.add("blk.expand", conv(16, 3, 1, 1, true));
        b.add("blk.act", new Activation(ActivationType.RELU));
        b.add("blk.project", conv(4, 1, 1, 0, true));
        b.addFrom("blk", new Add(), "blk.project", "input");
        Architecture arch = withHead(b);
        TransformException e = assertThrows(TransformException.class, () -> block.apply(arch, "blk"));
        assertEquals("blk", e.node());
        assertTrue(e.getMessage().contains("is not a residual around a linear block"), e.getMessage());
    }
}
