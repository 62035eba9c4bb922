package io.hwnas.arch;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArchitectureTest {

    private static final Shape IN = Shape.image(1, 4, 4);

    /**
     * input 1×4×4 → stem (3×3, 4 ch) → a (3×3, 2 ch) → b (3×3, 4 ch) → add(b, stem) → global avg → fc 3.
     * The stem output is the skip tensor: it must stay alive across a and b.
     */
    private static Architecture residual(String name, String prefix, int kernelOfA) {
        return new ArchitectureBuilder(name, IN)
                .add(prefix + "stem", Conv2d.same(4, 3, 1))
                .add(prefix + "a", Conv2d.same(2, kernelOfA, 1))
                .add(prefix + "b", Conv2d.same(4, 3, 1))
                .addFrom(prefix + "add", new Add(), prefix + "b", prefix + "stem")
                .add(prefix + "pool", GlobalPool.avg())
                .add(prefix + "fc", Dense.of(3))
                .build();
    }

    private static Architecture residual() {
        return residual("res", "", 3);
    }

    /** A net of one layer on {@code input}. */
    private static Architecture single(Shape input, Layer layer) {
        return new Architecture("one", input, List.of(Node.of("x", layer)));
    }

    private static Architecture parse(String nodesJson) {
        return ArchitectureJson.read("{\"name\":\"j\",\"input\":{\"channels\":1,\"height\":4,\"width\":4},\"nodes\":"
                + nodesJson + "}");
    }

    /** Fails with an {@link ArchitectureException} whose message contains every fragment. */
    private static void assertFailsMentioning(Executable construct, String... fragments) {
        ArchitectureException e = assertThrows(ArchitectureException.class, construct);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "'" + f + "' not in: " + e.getMessage());
        }
    }

    @Nested
    class ShapeInference {

        @Test
        void convWithStrideTwoAndPaddingHalvesRoundingDown() {
            Conv2d conv = new Conv2d(16, Size2.of(3), Size2.of(2), Size2.of(1), Size2.of(1), 1, true);
            assertEquals(Shape.image(16, 16, 16), single(Shape.image(3, 32, 32), conv).shape("x"));
            // (7 + 2·1 − 3) / 2 + 1 = 4
            assertEquals(Shape.image(16, 4, 4), single(Shape.image(3, 7, 7), conv).shape("x"));
        }

        @Test
        void convWithRectangularKernelAndDilation() {
            Conv2d rect = new Conv2d(8, new Size2(1, 3), new Size2(2, 1), new Size2(0, 1), Size2.of(1), 1, false);
            // height (7 − 1) / 2 + 1 = 4, width (5 + 2 − 3) / 1 + 1 = 5
            assertEquals(Shape.image(8, 4, 5), single(Shape.image(3, 7, 5), rect).shape("x"));
            Conv2d dilated = new Conv2d(8, Size2.of(3), Size2.of(1), Size2.of(2), Size2.of(2), 1, false);
            assertEquals(Shape.image(8, 32, 32), single(Shape.image(3, 32, 32), dilated).shape("x"));
        }

        @Test
        void groupedConvCountsOnlyItsGroupsChannels() {
            Architecture a = single(Shape.image(8, 5, 5), Conv2d.same(16, 3, 1).withGroups(4));
            ArchitectureCounts c = ArchitectureCounts.of(a);
            assertEquals(9L * 2 * 16 * 25, c.macs());
            assertEquals(9L * 2 * 16, c.trainableParams());
        }

        @Test
        void depthwiseKeepsChannelsTimesMultiplier() {
            DepthwiseConv2d dw = new DepthwiseConv2d(Size2.of(3), Size2.of(2), Size2.of(1), Size2.of(1), 2, false);
            Architecture a = single(Shape.image(8, 16, 16), dw);
            assertEquals(Shape.image(16, 8, 8), a.shape("x"));
            ArchitectureCounts c = ArchitectureCounts.of(a);
            assertEquals(9L * 16 * 8 * 8, c.macs());
            assertEquals(9L * 16, c.trainableParams());
        }

        @Test
        void pooling() {
            assertEquals(Shape.image(64, 56, 56), single(Shape.image(64, 112, 112), Pool2d.max(3, 2, 1)).shape("x"));
            assertEquals(Shape.image(5, 3, 3), single(Shape.image(5, 7, 7), Pool2d.avg(2, 2, 0)).shape("x"));
            assertEquals(0, ArchitectureCounts.of(single(Shape.image(5, 7, 7), Pool2d.avg(2, 2, 0))).macs());
        }

        @Test
        void globalPoolAndFlattenGiveFlatShapes() {
            assertEquals(Shape.flat(64), single(Shape.image(64, 7, 7), GlobalPool.avg()).shape("x"));
            assertEquals(Shape.flat(36), single(Shape.image(4, 3, 3), new Flatten()).shape("x"));
        }

        @Test
        void concatSumsChannels() {
            Architecture a = new Architecture("cat", Shape.image(3, 4, 4), List.of(
                    Node.of("l", Conv2d.same(8, 3, 1)),
                    Node.of("r", Conv2d.same(16, 1, 1), Node.INPUT),
                    Node.of("cat", new Concat(), "l", "r", Node.INPUT)));
            assertEquals(Shape.image(27, 4, 4), a.shape("cat"));
        }

        @Test
        void denseFlattensAFeatureMap() {
            Architecture a = new ArchitectureBuilder("d", Shape.image(4, 3, 3))
                    .add("flat", new Flatten()).add("fc", Dense.of(10)).build();
            assertEquals(Shape.flat(10), a.shape("fc"));
            Architecture direct = single(Shape.image(4, 3, 3), Dense.of(10));
            assertEquals(Shape.flat(10), direct.shape("x"));
            assertEquals(360, ArchitectureCounts.of(direct).macs());
            assertEquals(370, ArchitectureCounts.of(direct).trainableParams());
        }

        @Test
        void emptyInputsMeanThePreviousNode() {
            Architecture a = new Architecture("chain", IN, List.of(
                    new Node("c", Conv2d.same(2, 3, 1), List.of()), new Node("r", new Activation(ActivationType.RELU), null)));
            assertEquals(List.of(Node.INPUT), a.node("c").inputs());
            assertEquals(List.of("c"), a.node("r").inputs());
            assertEquals(1, a.position("r"));
        }
    }

    @Nested
    class Validation {

        @Test
        void channelMismatchAtAdd() {
            assertFailsMentioning(() -> new Architecture("n", Shape.image(3, 8, 8), List.of(
                            Node.of("l", Conv2d.same(8, 3, 1)),
                            Node.of("r", Conv2d.same(16, 3, 1), Node.INPUT),
                            Node.of("sum", new Add(), "l", "r"))),
                    "'sum'", "add", "channel mismatch 8 vs 16");
        }

        @Test
        void spatialMismatchAtAddIsNotCalledAChannelMismatch() {
            ArchitectureException e = assertThrows(ArchitectureException.class, () -> new Architecture("n",
                    Shape.image(3, 8, 8), List.of(
                            Node.of("l", Conv2d.same(8, 3, 2)),
                            Node.of("r", Conv2d.same(8, 3, 1), Node.INPUT),
                            Node.of("sum", new Add(), "l", "r"))));
            assertTrue(e.getMessage().contains("'sum'") && e.getMessage().contains("8x4x4")
                    && e.getMessage().contains("8x8x8") && e.getMessage().contains("height/width"), e.getMessage());
            assertFalse(e.getMessage().contains("channel mismatch"), e.getMessage());
        }

        @Test
        void unknownInputId() {
            assertFailsMentioning(() -> new Architecture("n", IN, List.of(Node.of("c", Conv2d.same(2, 3, 1), "stem"))),
                    "'c'", "'inputs'", "'stem'");
        }

        @Test
        void inputMayOnlyNameEarlierNodes() {
            assertFailsMentioning(() -> new Architecture("n", IN, List.of(
                            Node.of("a", new Activation(ActivationType.RELU), "b"),
                            Node.of("b", new Activation(ActivationType.RELU), Node.INPUT))),
                    "'a'", "'inputs'", "'b'");
        }

        @Test
        void duplicateId() {
            assertFailsMentioning(() -> new Architecture("n", IN, List.of(
                            Node.of("c", Conv2d.same(2, 3, 1)), Node.of("c", Conv2d.same(2, 3, 1)))),
                    "'c'", "'id'", "twice");
        }

        @Test
        void reservedAndMalformedIds() {
            assertFailsMentioning(() -> Node.of(Node.INPUT, new Flatten()), "'input'", "reserved");
            assertFailsMentioning(() -> Node.of("a b", new Flatten()), "'a b'");
        }

        @Test
        void groupsMustDivideInputChannels() {
            assertFailsMentioning(() -> single(Shape.image(3, 8, 8), Conv2d.same(8, 3, 1).withGroups(2)),
                    "'x'", "'groups' = 2", "input channels 3");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Conv2d.same(9, 3, 1).withGroups(2));
            assertTrue(e.getMessage().contains("'groups' = 2") && e.getMessage().contains("outChannels 9"), e.getMessage());
        }

        @Test
        void kernelLargerThanInput() {
            Conv2d k9 = new Conv2d(8, Size2.of(9), Size2.of(1), Size2.of(0), Size2.of(1), 1, false);
            assertFailsMentioning(() -> single(Shape.image(3, 8, 8), k9), "'x'", "conv2d", "input 8", "kernel 9");
            assertFailsMentioning(() -> single(Shape.image(3, 2, 2), Pool2d.max(3, 3, 0)), "'x'", "pool2d", "kernel 3");
        }

        @Test
        void spatialLayerAfterAFlatOne() {
            assertFailsMentioning(() -> new Architecture("n", IN, List.of(
                            Node.of("g", GlobalPool.avg()), Node.of("c", Conv2d.same(2, 3, 1)))),
                    "'c'", "[1]", "flat");
        }

        @Test
        void addNeedsTwoInputs() {
            assertFailsMentioning(() -> single(IN, new Add()), "'x'", "'inputs'", "1 entries");
        }

        @Test
        void invalidLayerFields() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0));
            assertTrue(e.getMessage().contains("'rate' = 1.0"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> Pool2d.max(3, 1, 2));
            assertTrue(e.getMessage().contains("'padding' = 2"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> Dense.of(0));
            assertTrue(e.getMessage().contains("'units' = 0"), e.getMessage());
        }
    }

    @Nested
    class Json {

        @Test
        void smallResidualNetRoundTrips() {
            Architecture a = residual();
            String json = ArchitectureJson.write(a);
            Architecture back = ArchitectureJson.read(json);
            assertEquals(a, back);
            assertEquals(a.fingerprint(), back.fingerprint());
            assertEquals(List.of("b", "stem"), back.node("add").inputs());
            assertEquals(Shape.flat(3), back.shape("fc"));
            assertEquals(json, ArchitectureJson.write(back), "the written form is canonical");
            assertEquals(a, ArchitectureJson.read(ArchitectureJson.writePretty(a)));
        }

        @Test
        void everyLayerKindRoundTrips() {
            Architecture a = new ArchitectureBuilder("all", Shape.image(4, 16, 16))
                    .add("conv", new Conv2d(8, new Size2(3, 1), new Size2(1, 2), new Size2(1, 0), Size2.of(1), 2, true))
                    .add("bn", new BatchNorm(1e-3, 0.99))
                    .add("act", new Activation(ActivationType.HARD_SWISH))
                    .add("dw", new DepthwiseConv2d(Size2.of(5), Size2.of(1), Size2.of(4), Size2.of(2), 2, true))
                    .add("pool", Pool2d.avg(2, 2, 0))
                    .addFrom("side", Conv2d.same(16, 1, 1), "pool")
                    .addFrom("sum", new Add(), "pool", "side")
                    .addFrom("cat", new Concat(), "sum", "pool")
                    .add("prelu", new PRelu())
                    .add("d2s", new DepthToSpace(2))
                    .add("up", Upsample.nearest(2))
                    .add("gp", GlobalPool.avg())
                    .add("gate", new Activation(ActivationType.HARD_SIGMOID))
                    .addFrom("se", new Multiply(), "up", "gate")
                    .add("flat", new Flatten())
                    .add("drop", new Dropout(0.25))
                    .add("fc", new Dense(10, false))
                    .build();
            Architecture back = ArchitectureJson.read(ArchitectureJson.write(a));
            assertEquals(a, back);
            assertEquals(a.fingerprint(), back.fingerprint());
        }

        @Test
        void defaultsAndImplicitInputs() {
            Architecture a = parse("[{\"id\":\"c\",\"layer\":{\"op\":\"conv2d\",\"outChannels\":2,\"kernel\":3}},"
                    + "{\"id\":\"p\",\"layer\":{\"op\":\"pool2d\",\"kind\":\"max\",\"kernel\":2}},"
                    + "{\"id\":\"r\",\"layer\":{\"op\":\"activation\",\"function\":\"Swish\"}}]");
            assertEquals(new Conv2d(2, Size2.of(3), Size2.of(1), Size2.of(0), Size2.of(1), 1, true), a.node("c").layer());
            assertEquals(Pool2d.max(2, 2, 0), a.node("p").layer());
            assertEquals(new Activation(ActivationType.SILU), a.node("r").layer());
            assertEquals(List.of("p"), a.node("r").inputs());
            assertEquals(Shape.image(2, 1, 1), a.shape("p"));
        }

        @Test
        void size2AcceptsAnIntegerOrAPair() {
            Architecture square = parse("[{\"id\":\"c\",\"layer\":{\"op\":\"conv2d\",\"outChannels\":2,\"kernel\":3}}]");
            Architecture pair = parse("[{\"id\":\"c\",\"layer\":{\"op\":\"conv2d\",\"outChannels\":2,\"kernel\":[3,3]}}]");
            Architecture rect = parse("[{\"id\":\"c\",\"layer\":{\"op\":\"conv2d\",\"outChannels\":2,\"kernel\":[1,3],"
                    + "\"padding\":[0,1]}}]");
            assertEquals(Size2.of(3), ((Conv2d) square.node("c").layer()).kernel());
            assertEquals(new Size2(1, 3), ((Conv2d) rect.node("c").layer()).kernel());
            assertEquals(Shape.image(2, 4, 4), rect.shape("c"));
            // always written as [h, w], so the spelling does not change the fingerprint
            assertEquals(square.fingerprint(), pair.fingerprint());
            assertTrue(ArchitectureJson.write(square).contains("\"kernel\":[3,3]"), ArchitectureJson.write(square));
            assertFailsMentioning(() -> parse("[{\"id\":\"c\",\"layer\":{\"op\":\"conv2d\",\"outChannels\":2,"
                    + "\"kernel\":[1,3,3]}}]"), "kernel", "[1,3,3]");
        }

        @Test
        void unknownOp() {
            assertFailsMentioning(() -> parse("[{\"id\":\"c\",\"layer\":{\"op\":\"conv3d\",\"outChannels\":2,\"kernel\":3}}]"),
                    "$.nodes[0].layer", "'conv3d'");
        }

        @Test
        void unknownField() {
            assertFailsMentioning(() -> parse("[{\"id\":\"c\",\"layer\":{\"op\":\"conv2d\",\"outChannels\":2,\"kernel\":3,"
                    + "\"colour\":1}}]"), "colour");
            assertFailsMentioning(() -> ArchitectureJson.read("{\"name\":\"j\",\"input\":{\"channels\":1,\"height\":4,"
                    + "\"width\":4},\"nodes\":[{\"id\":\"r\",\"layer\":{\"op\":\"flatten\"}}],\"extra\":true}"), "extra");
        }

        @Test
        void missingRequiredField() {
            assertFailsMentioning(() -> parse("[{\"id\":\"c\",\"layer\":{\"op\":\"conv2d\",\"outChannels\":2}}]"),
                    "$.nodes[0].layer", "'kernel'", "required");
            assertFailsMentioning(() -> parse("[{\"id\":\"d\",\"layer\":{\"op\":\"dense\"}}]"), "'units'");
            assertFailsMentioning(() -> parse("[{\"id\":\"d\"}]"), "'d'", "'layer'");
            assertFailsMentioning(() -> ArchitectureJson.read("{\"name\":\"j\",\"input\":{\"channels\":1,\"height\":4},"
                    + "\"nodes\":[{\"id\":\"r\",\"layer\":{\"op\":\"flatten\"}}]}"), "'input.width'", "required");
            assertFailsMentioning(() -> ArchitectureJson.read("{\"input\":{\"channels\":1,\"height\":4,\"width\":4},"
                    + "\"nodes\":[{\"id\":\"r\",\"layer\":{\"op\":\"flatten\"}}]}"), "'name'");
        }

        @Test
        void unknownActivation() {
            assertFailsMentioning(() -> parse("[{\"id\":\"a\",\"layer\":{\"op\":\"activation\",\"function\":\"mish\"}}]"),
                    "function", "'mish'", "relu6");
        }

        @Test
        void fractionalIntegerIsRejectedNotTruncated() {
            assertFailsMentioning(() -> parse("[{\"id\":\"c\",\"layer\":{\"op\":\"conv2d\",\"outChannels\":2.5,"
                    + "\"kernel\":3}}]"), "outChannels", "2.5");
        }

        @Test
        void graphErrorsSurviveParsing() {
            assertFailsMentioning(() -> parse("[{\"id\":\"d\",\"layer\":{\"op\":\"dense\",\"units\":2},\"inputs\":[\"zz\"]}]"),
                    "'d'", "'zz'");
            assertFailsMentioning(() -> ArchitectureJson.read("{\"format\":2,\"name\":\"j\",\"input\":{\"channels\":1,"
                    + "\"height\":4,\"width\":4},\"nodes\":[{\"id\":\"r\",\"layer\":{\"op\":\"flatten\"}}]}"), "'format' = 2");
            assertFailsMentioning(() -> ArchitectureJson.read("{\"name\":"), "malformed");
        }
    }

    @Nested
    class Fingerprints {

        @Test
        void ignoresNameAndNodeIds() {
            Architecture a = residual("first", "", 3);
            Architecture b = residual("second", "block0/", 3);
            assertNotEquals(a, b);
            assertEquals(a.fingerprint(), b.fingerprint());
        }

        @Test
        void ignoresWhetherChainInputsWereImplicit() {
            Architecture explicit = new ArchitectureBuilder("e", IN).add("c", Conv2d.same(2, 3, 1)).add("fc", Dense.of(3)).build();
            Architecture implicit = new Architecture("i", IN, List.of(
                    new Node("conv", Conv2d.same(2, 3, 1), List.of()), new Node("head", Dense.of(3), List.of())));
            assertEquals(explicit.fingerprint(), implicit.fingerprint());
        }

        @Test
        void changesWithTheKernelSize() {
            Architecture k3 = residual("r", "", 3);
            Architecture k5 = residual("r", "", 5);
            assertEquals(k3.shape("a"), k5.shape("a"));
            assertNotEquals(k3.fingerprint(), k5.fingerprint());
        }

        @Test
        void changesWithTheWiring() {
            Architecture skip = residual();
            Architecture noSkip = new ArchitectureBuilder("res", IN)
                    .add("stem", Conv2d.same(4, 3, 1)).add("a", Conv2d.same(2, 3, 1)).add("b", Conv2d.same(4, 3, 1))
                    .addFrom("add", new Add(), "b", "b").add("pool", GlobalPool.avg()).add("fc", Dense.of(3)).build();
            assertNotEquals(skip.fingerprint(), noSkip.fingerprint());
        }
    }

    @Nested
    class Counts {

        @Test
        void smallResidualNetByHand() {
            ArchitectureCounts c = ArchitectureCounts.of(residual());
            // stem 9·1·4·16, a 9·4·2·16, b 9·2·4·16, fc 4·3
            assertEquals(576 + 1152 + 1152 + 12, c.macs());
            // stem 9·1·4, a 9·4·2, b 9·2·4, fc 4·3 + 3 (convs without bias)
            assertEquals(36 + 72 + 72 + 15, c.trainableParams());
            assertEquals(0, c.stateParams());
            // add 64, global pool reads 64
            assertEquals(128, c.elementOps());
            assertEquals(64 + 32 + 64 + 64 + 4 + 3, c.activationElements());
        }

        @Test
        void peakLiveActivationsKeepTheSkipTensorAlive() {
            // live after each node (input 16 elements, freed after the stem):
            //   stem 16+64 → 64 | a 64+32 = 96 | b 96+64 = 160 → a freed → 128
            //   add 128+64 = 192 (stem, b and the sum together) → 64 | pool 68 → 4 | fc 7
            assertEquals(192, ArchitectureCounts.of(residual()).peakActivationElements());
            // the same layers without the skip: stem is freed after a, so the peak is a's 64 + 32 or b's 32 + 64
            Architecture chain = new ArchitectureBuilder("chain", IN)
                    .add("stem", Conv2d.same(4, 3, 1)).add("a", Conv2d.same(2, 3, 1)).add("b", Conv2d.same(4, 3, 1))
                    .add("pool", GlobalPool.avg()).add("fc", Dense.of(3)).build();
            assertEquals(96, ArchitectureCounts.of(chain).peakActivationElements());
        }

        @Test
        void batchNormStateIsSeparateFromTrainable() {
            Architecture a = new ArchitectureBuilder("bn", IN).add("c", Conv2d.same(4, 3, 1)).add("bn", BatchNorm.standard())
                    .add("fc", Dense.of(3)).build();
            ArchitectureCounts c = ArchitectureCounts.of(a);
            assertEquals(36 + 8 + 64 * 3 + 3, c.trainableParams());
            assertEquals(8, c.stateParams());
            assertEquals(c.trainableParams() + 8, c.totalParams());
        }
    }
}
