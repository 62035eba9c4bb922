package io.hwnas.arch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shapes, errors, counts and JSON of multiply, PReLU, depth-to-space, upsample and hard-sigmoid. */
class NewOpsTest {

    private static void assertFailsMentioning(Executable construct, String... fragments) {
        ArchitectureException e = assertThrows(ArchitectureException.class, construct);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "'" + f + "' not in: " + e.getMessage());
        }
    }

    private static Architecture parse(String nodesJson) {
        return ArchitectureJson.read("{\"name\":\"j\",\"input\":{\"channels\":8,\"height\":4,\"width\":4},\"nodes\":"
                + nodesJson + "}");
    }

    /** conv 3→8 on 6×6, squeeze-excite with a flat gate, PReLU, depth-to-space ×2, nearest upsample ×2. */
    private static Architecture everyNewOp() {
        return new ArchitectureBuilder("new-ops", Shape.image(3, 6, 6))
                .add("conv", Conv2d.same(8, 3, 1))
                .add("se.pool", GlobalPool.avg())
                .add("se.reduce", Dense.of(2))
                .add("se.relu", new Activation(ActivationType.RELU))
                .add("se.expand", Dense.of(8))
                .add("se.gate", new Activation(ActivationType.HARD_SIGMOID))
                .addFrom("se", new Multiply(), "conv", "se.gate")
                .add("prelu", new PRelu())
                .add("d2s", new DepthToSpace(2))
                .add("up", Upsample.nearest(2))
                .build();
    }

    @Test
    void shapes() {
        Architecture a = everyNewOp();
        assertEquals(Shape.image(8, 6, 6), a.shape("se"));
        assertEquals(Shape.image(8, 6, 6), a.shape("prelu"));
        assertEquals(Shape.image(2, 12, 12), a.shape("d2s"));
        assertEquals(Shape.image(2, 24, 24), a.shape("up"));
        Architecture spatialGate = new ArchitectureBuilder("g", Shape.image(4, 4, 4))
                .add("p", Pool2d.avg(4, 4, 0)).addFrom("m", new Multiply(), Node.INPUT, "p")
                .addFrom("same", new Multiply(), "m", Node.INPUT).build();
        assertEquals(Shape.image(4, 4, 4), spatialGate.shape("m"));
        assertEquals(Shape.image(4, 4, 4), spatialGate.shape("same"));
        Architecture flat = new ArchitectureBuilder("f", Shape.image(4, 2, 2)).add("gp", GlobalPool.avg())
                .add("fc", Dense.of(4)).add("prelu", new PRelu()).addFrom("m", new Multiply(), "fc", "gp").build();
        assertEquals(Shape.flat(4), flat.shape("m"));
    }

    /**
     * By hand: conv 9·3·8·36 = 7776 MACs, 216 weights; SE dense 8·2 + 2 and 2·8 + 8 = 18 + 24 params, 16 + 16
     * MACs; element ops: pool 288, relu 2, hard-sigmoid 8, multiply 288, prelu 288, depth-to-space 288 (2·12·12),
     * upsample 1152 (2·24·24); params: prelu 8 slopes.
     */
    @Test
    void countsByHand() {
        ArchitectureCounts c = ArchitectureCounts.of(everyNewOp());
        assertEquals(7776 + 16 + 16, c.macs());
        assertEquals(216 + 18 + 24 + 8, c.trainableParams());
        assertEquals(0, c.stateParams());
        assertEquals(288 + 2 + 8 + 288 + 288 + 288 + 1152, c.elementOps());
        LayerCount prelu = c.layers().stream().filter(l -> l.nodeId().equals("prelu")).findFirst().orElseThrow();
        assertEquals(List.of(0L, 8L, 288L), List.of(prelu.macs(), prelu.trainableParams(), prelu.elementOps()));
        LayerCount se = c.layers().stream().filter(l -> l.nodeId().equals("se")).findFirst().orElseThrow();
        assertEquals(List.of("multiply", 0L, 0L, 288L), List.of(se.op(), se.macs(), se.trainableParams(), se.elementOps()));
    }

    @Test
    void shapeErrorsNameTheNode() {
        Shape in = Shape.image(8, 4, 4);
        assertFailsMentioning(() -> new ArchitectureBuilder("x", in).add("p", Pool2d.avg(2, 2, 0))
                .addFrom("m", new Multiply(), Node.INPUT, "p").build(), "node 'm' (multiply)", "8x2x2", "8x1x1 or [8]");
        assertFailsMentioning(() -> new ArchitectureBuilder("x", in).add("gp", GlobalPool.avg()).add("fc", Dense.of(4))
                .addFrom("m", new Multiply(), Node.INPUT, "fc").build(), "node 'm' (multiply)", "[4]");
        assertFailsMentioning(() -> new ArchitectureBuilder("x", in).add("gp", GlobalPool.avg())
                .addFrom("m", new Multiply(), "gp", Node.INPUT).build(), "node 'm' (multiply)", "input 0 is [8]");
        assertFailsMentioning(() -> new ArchitectureBuilder("x", in).add("m", new Multiply()).build(),
                "node 'm' (multiply)", "expected exactly 2");
        assertFailsMentioning(() -> new ArchitectureBuilder("x", Shape.image(6, 4, 4)).add("d", new DepthToSpace(2))
                .build(), "node 'd' (depth_to_space)", "input channels 6", "blockSize² = 4");
        assertFailsMentioning(() -> new ArchitectureBuilder("x", in).add("gp", GlobalPool.avg())
                .add("u", Upsample.nearest(2)).build(), "node 'u' (upsample)", "flat");
    }

    @Test
    void invalidFieldsAreRefusedAtConstruction() {
        assertEquals("field 'blockSize' = 1 must be >= 2",
                assertThrows(IllegalArgumentException.class, () -> new DepthToSpace(1)).getMessage());
        assertEquals("field 'scale' = 1 must be >= 2",
                assertThrows(IllegalArgumentException.class, () -> Upsample.nearest(1)).getMessage());
        assertFailsMentioning(() -> parse("[{\"id\":\"u\",\"layer\":{\"op\":\"upsample\",\"scale\":2,\"mode\":\"bilinear\"}}]"),
                "bilinear", "allowed: nearest");
        assertFailsMentioning(() -> parse("[{\"id\":\"d\",\"layer\":{\"op\":\"depth_to_space\"}}]"), "blockSize",
                "required");
    }

    @Test
    void jsonRoundTripsAndDefaults() {
        Architecture a = everyNewOp();
        Architecture back = ArchitectureJson.read(ArchitectureJson.write(a));
        assertEquals(a, back);
        assertEquals(a.fingerprint(), back.fingerprint());
        Architecture parsed = parse("[{\"id\":\"p\",\"layer\":{\"op\":\"prelu\"}},"
                + "{\"id\":\"d\",\"layer\":{\"op\":\"depth_to_space\",\"blockSize\":2}},"
                + "{\"id\":\"u\",\"layer\":{\"op\":\"upsample\",\"scale\":3}},"
                + "{\"id\":\"g\",\"layer\":{\"op\":\"activation\",\"function\":\"hard_sigmoid\"}},"
                + "{\"id\":\"m\",\"layer\":{\"op\":\"multiply\"},\"inputs\":[\"u\",\"g\"]}]");
        assertEquals(Upsample.nearest(3), parsed.node("u").layer());
        assertEquals(Shape.image(2, 24, 24), parsed.shape("m"));
        assertTrue(ArchitectureJson.write(parsed).contains("\"mode\":\"nearest\""), ArchitectureJson.write(parsed));
    }
}
