package io.hwnas.transform;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthToSpace;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Multiply;
import io.hwnas.arch.Node;
import io.hwnas.arch.PRelu;
import io.hwnas.arch.Upsample;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hwnas.transform.Nets.assertExact;
import static io.hwnas.transform.Nets.builder;
import static io.hwnas.transform.Nets.conv;
import static io.hwnas.transform.Nets.withHead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The collapse around PReLU, multiply (squeeze-excite), depth-to-space and upsample: handled where exact, else refused. */
class NewOpsCollapseTest {

    /** A SESR-style net: linear blocks with a residual, PReLU after each, then depth-to-space. */
    private static Architecture sesrLike() {
        ArchitectureBuilder b = builder("sesr-like", 1, 8, 8);
        b.add("head", conv(4, 5, 1, 2, true));
        b.add("head.prelu", new PRelu());
        b.add("b1.expand", conv(16, 3, 1, 1, true));
        b.add("b1.project", conv(4, 1, 1, 0, true));
        b.addFrom("b1", new Add(), "b1.project", "head.prelu");
        b.add("b1.prelu", new PRelu());
        b.add("tail", conv(4, 3, 1, 1, true));
        b.add("shuffle", new DepthToSpace(2));
        b.add("up", Upsample.nearest(2));
        return withHead(b);
    }

    @Test
    void sesrBlocksCollapseAroundPReluAndDepthToSpaceWithTheSlopesCarriedOver() {
        Architecture arch = sesrLike();
        CollapseResult c = Collapse.exact().apply(arch);
        assertEquals(List.of("head", "head.prelu", "b1", "b1.prelu", "tail", "shuffle", "up", "head.pool", "head.fc"),
                c.architecture().nodes().stream().map(Node::id).toList());
        assertTrue(c.architecture().node("b1").layer() instanceof Conv2d);
        // the oracle randomises the slopes away from their initial value, so a lost slope would show here
        assertExact(arch, c.result(), "up");
    }

    @Test
    void nothingCollapsesAcrossAPRelu() {
        ArchitectureBuilder b = builder("across-prelu", 2, 6, 6);
        b.add("a", conv(4, 1, 1, 0, true));
        b.add("a.prelu", new PRelu());
        b.add("b", conv(4, 1, 1, 0, true));
        Architecture arch = withHead(b);
        TransformException e = assertThrows(TransformException.class, () -> new SequentialCollapse().apply(arch, "b"));
        assertTrue(e.getMessage().contains("'a.prelu' is prelu, not a linear layer"), e.getMessage());
        assertEquals(List.of(), Collapse.exact().apply(arch).applied());
    }

    @Test
    void squeezeExciteIsKeptAndItsNeighboursStillFold() {
        ArchitectureBuilder b = builder("se", 3, 6, 6);
        b.add("conv", conv(4, 3, 1, 1, false));
        b.add("conv.bn", io.hwnas.arch.BatchNorm.standard());
        b.add("se.pool", GlobalPool.avg());
        b.add("se.reduce", Dense.of(2));
        b.add("se.act", new Activation(ActivationType.RELU));
        b.add("se.expand", Dense.of(4));
        b.add("se.gate", new Activation(ActivationType.HARD_SIGMOID));
        b.addFrom("se", new Multiply(), "conv.bn", "se.gate");
        b.add("project", conv(4, 1, 1, 0, true));
        Architecture arch = withHead(b);
        CollapseResult c = Collapse.exact().apply(arch);
        List<String> ids = c.architecture().nodes().stream().map(Node::id).toList();
        assertTrue(ids.containsAll(List.of("se", "se.gate", "project")), ids.toString());
        assertTrue(c.architecture().node("se").layer() instanceof Multiply);
        TransformException e = assertThrows(TransformException.class,
                () -> new SequentialCollapse().apply(arch, "project"));
        assertTrue(e.getMessage().contains("'se' is multiply, not a linear layer"), e.getMessage());
        assertExact(arch, c.result(), "project");
    }
}
