package io.hwnas.transform;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Dropout;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hwnas.transform.Nets.assertExact;
import static io.hwnas.transform.Nets.builder;
import static io.hwnas.transform.Nets.conv;
import static io.hwnas.transform.Nets.withHead;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationRemovalTest {

    private static Architecture convActConv(ActivationType act) {
        ArchitectureBuilder b = builder("conv-act-conv", 3, 8, 8);
        b.add("a", conv(16, 3, 2, 1, false));
        b.add("a.bn", BatchNorm.standard());
        b.add("a.act", new Activation(act));
        b.add("b", conv(6, 1, 1, 0, false));
        b.add("b.bn", BatchNorm.standard());
        return withHead(b);
    }

    @Test
    void removingAnActivationRewiresItsReadersAndKeepsTheWeights() {
        Architecture arch = convActConv(ActivationType.RELU);
        TransformResult r = new ActivationRemoval().apply(arch, "a.act");
        assertEquals(List.of("a.bn"), r.architecture().node("b").inputs());
        Parameters p = Parameters.empty().with("a", new ConvParams(Tensor.zeros(1, 1, 1, 1), Tensor.zeros(1)));
        assertEquals(p, r.weights().apply(p));
        assertTrue(r.rewrites().get(0).detail().contains("removed relu activation 'a.act'"));
    }

    @Test
    void theLinearLayersItSeparatedThenCollapseExactly() {
        Architecture removed = new ActivationRemoval().apply(convActConv(ActivationType.SILU), "a.act").architecture();
        CollapseResult c = Collapse.exact().apply(removed);
        // conv, BN, conv, BN → one 3×3 stride-2 conv named after the last BN
        assertEquals(List.of("b.bn", "head.pool", "head.fc"), c.architecture().nodes().stream().map(n -> n.id()).toList());
        assertExact(removed, c.result(), "b.bn");
    }

    @Test
    void identityActivationsAndDropoutAreRemovedExactlyByTheNoOpRemoval() {
        ArchitectureBuilder b = builder("no-ops", 3, 8, 8);
        b.add("a", conv(8, 3, 1, 1, true));
        b.add("a.id", new Activation(ActivationType.IDENTITY));
        b.add("drop", new Dropout(0.3));
        b.add("b", conv(4, 1, 1, 0, true));
        Architecture arch = withHead(b);
        NoOpRemoval noOps = new NoOpRemoval();
        assertEquals(List.of("a.id", "drop"), noOps.anchors(arch));
        TransformResult r = noOps.apply(arch, "a.id").then(noOps, "drop");
        assertExact(arch, r, "b");
        TransformException e = assertThrows(TransformException.class, () -> noOps.apply(arch, "b"));
        assertTrue(e.getMessage().contains("not the identity at inference"), e.getMessage());
    }

    @Test
    void onlyActivationsCanBeRemoved() {
        Architecture arch = convActConv(ActivationType.RELU);
        TransformException e = assertThrows(TransformException.class, () -> new ActivationRemoval().apply(arch, "b"));
        assertEquals("node 'b': is conv2d, expected activation", e.getMessage());
        assertFalse(new ActivationRemoval().anchors(arch).contains("b"));
    }
}
