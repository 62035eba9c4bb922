package io.hwnas.hant;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The operation library's names, shape rules and the chain network built from them. */
class OpTest {

    @ParameterizedTest
    @ValueSource(strings = {"identity", "conv3x3-relu", "conv5x5-silu", "conv1x1-hard_swish", "dwsep3x3-relu6",
            "mbconv3x3-e4-relu", "mbconv5x5-e1-leaky_relu"})
    void canonicalNamesRoundTrip(String name) {
        assertEquals(name, Op.parse(name).name());
    }

    @Test
    void activationDefaultsToRelu() {
        assertEquals(Op.conv(3, ActivationType.RELU), Op.parse("conv3x3"));
        assertEquals(Op.mbconv(3, 2, ActivationType.RELU), Op.parse("mbconv3x3-e2"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "conv4x4        | odd",
            "conv3x5        | not understood",
            "mbconv3x3      | expansion",
            "conv3x3-e2     | only mbconv",
            "conv3x3-swoosh | swoosh",
            "conv9x9        | kernel",
            "mbconv3x3-e9   | expansion",
            "conv3x3-identity | identity",
            "pool2x2        | not understood"})
    void badNamesSayWhatIsAllowed(String name, String mentioned) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Op.parse(name));
        assertTrue(e.getMessage().contains(name) && e.getMessage().contains(mentioned), e.getMessage());
    }

    @Test
    void presetTeacherHasTheDocumentedSlots() {
        ChainNetwork net = new ChainNetwork(TeacherSpec.preset());
        assertEquals(6, net.slots().size());
        assertEquals(Shape.image(24, 14, 14), net.slot(0).input());
        assertEquals(Shape.image(32, 7, 7), net.slot(1).output());
        assertEquals(Shape.image(96, 4, 4), net.slot(5).output());
        Architecture teacher = net.teacher();
        assertEquals("head.fc", teacher.output().id());
        for (int i = 0; i < 6; i++) {
            assertEquals(net.slot(i).output(), teacher.shape(net.boundaries(net.teacherOps()).get(i + 1)));
        }
    }

    @Test
    void everyOpFitsEveryLayerItsShapesAllow() {
        ChainNetwork net = new ChainNetwork(TeacherSpec.preset());
        List<Op> ops = List.of(Op.conv(1, ActivationType.RELU), Op.conv(5, ActivationType.SILU),
                Op.depthwiseSeparable(5, ActivationType.RELU), Op.mbconv(3, 4, ActivationType.HARD_SWISH),
                Op.mbconv(3, 1, ActivationType.RELU), Op.identity());
        for (LayerSlot slot : net.slots()) {
            for (Op op : ops) {
                boolean identityMisfits = op.kind() == OpKind.IDENTITY
                        && (slot.stride() != 1 || slot.input().channels() != slot.output().channels());
                assertEquals(identityMisfits, slot.misfit(op).isPresent(), slot + " " + op);
                if (!identityMisfits) {
                    Architecture a = net.assemble("x", net.teacherWith(slot.index(), op));
                    assertEquals(slot.output(), a.shape(net.boundaries(net.teacherWith(slot.index(), op)).get(slot.index() + 1)));
                }
            }
        }
        OpLibrary library = new OpLibrary(ops);
        assertEquals(net.slot(0).teacherOp(), library.candidates(net.slot(0)).get(0));
        assertEquals(7, library.candidates(net.slot(0)).size(), "teacher op + 6 (identity fits 24 -> 24, stride 1)");
        assertEquals(6, library.candidates(net.slot(1)).size(), "identity does not fit a stride-2 layer");
    }

    @Test
    void mbconvAddsTheResidualOnlyWhereShapesMatch() {
        ChainNetwork net = new ChainNetwork(TeacherSpec.preset());
        Op mb = Op.mbconv(3, 2, ActivationType.RELU);
        assertEquals("l0.add", ChainNetwork.fragmentArchitecture(net.slot(0), mb).output().id());
        assertEquals("l1.project_bn", ChainNetwork.fragmentArchitecture(net.slot(1), mb).output().id());
    }

    @Test
    void libraryRejectsRepeatsAndOpsThatFitNowhere() {
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> new OpLibrary(List.of(Op.identity(), Op.conv(3, ActivationType.RELU), Op.identity())));
        assertTrue(twice.getMessage().contains("alternatives[2]") && twice.getMessage().contains("twice"));
        TeacherSpec allStrided = new TeacherSpec(TeacherSpec.preset().input(), 10, TeacherSpec.preset().stem(),
                List.of(new TeacherLayer(32, 2, Op.conv(3, ActivationType.RELU))));
        IllegalArgumentException nowhere = assertThrows(IllegalArgumentException.class,
                () -> new OpLibrary(List.of(Op.identity())).requireEachFits(new ChainNetwork(allStrided)));
        assertTrue(nowhere.getMessage().contains("identity") && nowhere.getMessage().contains("fits no layer"));
        assertFalse(new OpLibrary(List.of(Op.identity())).candidates(new ChainNetwork(allStrided).slot(0))
                .contains(Op.identity()));
    }
}
