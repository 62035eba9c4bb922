package io.hwnas.arch.zoo;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.Shape;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YoloDetectorTest {

    private static final YoloDetector PICO = Yolos.preset("yolo_pico_det");

    /** MACs and parameters of the pico net at 96×96, 10 classes, 2 anchors, summed layer by layer by hand. */
    @Test
    void picoCountsMatchTheLayoutWorkedByHand() {
        Count c = new Count();
        c.conv(3, 1, 8, 48);                                   // stem
        c.conv(3, 8, 16, 24);                                  // b1
        c.c2f(16, 16, 1, 24);                              // b2: in 16, out 16, h 8
        c.conv(3, 16, 32, 12);                                 // b3
        c.c2f(32, 32, 2, 12);                              // b4
        c.conv(3, 32, 64, 6);                                  // b5
        c.c2f(64, 64, 2, 6);                               // b6
        c.c2f(96, 32, 1, 12);                              // n4 reads upsample(b6) ⧺ b4: 64 + 32
        c.conv(3, 32, 32, 6);                                  // n5
        c.c2f(96, 64, 1, 6);                               // n6 reads n5 ⧺ b6: 32 + 64
        c.conv(3, 32, 32, 12);                                 // head.p3.conv
        c.conv(3, 64, 64, 6);                                  // head.p4.conv
        c.macs += 32L * 30 * 144 + 64L * 30 * 36;              // 1×1 prediction convs, 2·(5 + 10) channels
        c.params += 32 * 30 + 30 + 64 * 30 + 30;
        Architecture arch = PICO.build(Yolos.NATURAL_INPUT, 10);
        ArchitectureCounts counts = ArchitectureCounts.of(arch);
        assertEquals(c.macs, counts.macs());
        assertEquals(c.params, counts.trainableParams());
        assertEquals(36, PICO.sites().size(), PICO.sites().toString());
        assertEquals(Shape.image(30, 12, 12), arch.shape("head.p3.pred"));
        assertEquals(Shape.image(30, 6, 6), arch.shape("head.p4.pred"));
        assertEquals(YoloDetector.OUTPUTS, YoloDetector.outputs(arch));
    }

    @Test
    void yolov8nHasYolov8nWidthsAndDepths() {
        YoloDetector n = Yolos.preset("yolov8n_det");
        Architecture arch = n.build(Yolos.NATURAL_INPUT, 10);
        assertEquals(16, arch.shape("stem").channels());
        assertEquals(128, arch.shape("b6.cv2").channels());
        assertTrue(arch.nodes().stream().anyMatch(x -> x.id().equals("b4.m.1.cv2")), "n = round(6 · 0.33) = 2");
        assertTrue(arch.nodes().stream().noneMatch(x -> x.id().equals("b2.m.1.cv1")), "n = round(3 · 0.33) = 1");
    }

    @Test
    void everySiteTakesTheDefaultActivationUnlessOverridden() {
        YoloDetector mixed = PICO.withOverrides("mixed", Map.of("b4.m.1.cv2", ActivationType.RELU));
        Architecture arch = mixed.build(Yolos.NATURAL_INPUT, 10);
        long silu = arch.nodes().stream().filter(x -> x.layer() instanceof Activation a
                && a.function() == ActivationType.SILU).count();
        assertEquals(35, silu);
        assertEquals(new Activation(ActivationType.RELU), arch.node("b4.m.1.cv2.relu").layer());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PICO.withOverrides("bad", Map.of("b9.cv1", ActivationType.RELU)));
        assertTrue(e.getMessage().contains("'b9.cv1'") && e.getMessage().contains("stem"), e.getMessage());
    }

    @Test
    void theZooListsTheDetectorsAtTheirCanvas() {
        assertTrue(ReferenceNetworks.names().containsAll(Yolos.presets().keySet()));
        assertEquals(Yolos.NATURAL_INPUT, ReferenceNetworks.naturalInput("yolo_pico_det"));
        assertEquals(10, ReferenceNetworks.naturalClasses("yolo_pico_det"));
        assertThrows(IllegalArgumentException.class, () -> PICO.build(Shape.image(1, 96, 80), 10));
    }

    /** conv (no bias) + BN (γ, β) per site; a C2f as YOLOv8 lays it out. */
    private static final class Count {
        long macs;
        long params;

        void conv(int k, int in, int out, int side) {
            macs += (long) k * k * in * out * side * side;
            params += (long) k * k * in * out + 2L * out;
        }

        void c2f(int in, int out, int n, int side) {
            int h = out / 2;
            conv(1, in, 2 * h, side);                          // cv1, two halves of h
            for (int i = 0; i < n; i++) {
                conv(3, h, h, side);
                conv(3, h, h, side);
            }
            conv(1, (2 + n) * h, out, side);                   // cv2 over the concatenation
        }
    }
}
