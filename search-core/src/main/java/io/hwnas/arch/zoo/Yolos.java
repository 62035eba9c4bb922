package io.hwnas.arch.zoo;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.Shape;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The YOLO-style detectors ({@link YoloDetector}) registered in the zoo, all-SiLU as YOLOv8 ships, two anchors per
 * scale, at their natural input: a 96×96 one-channel canvas of ten Fashion-MNIST classes (docs/detection.md).
 */
public final class Yolos {

    public static final Shape NATURAL_INPUT = Shape.image(1, 96, 96);
    public static final int NATURAL_CLASSES = 10;
    public static final int DEFAULT_ANCHORS = 2;

    private static final Map<String, YoloDetector> PRESETS = build();

    private Yolos() {
    }

    /** {@code yolov8n_det} (YOLOv8-n's multipliers 0.25, 0.33) and {@code yolo_pico_det} (half its width). */
    public static Map<String, YoloDetector> presets() {
        return PRESETS;
    }

    /** The preset called {@code name}; unknown names are refused listing the known ones. */
    public static YoloDetector preset(String name) {
        YoloDetector d = PRESETS.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown detector '" + name + "' (known: "
                    + String.join(", ", PRESETS.keySet()) + ")");
        }
        return d;
    }

    static void register(Map<String, BiFunction<Shape, Integer, Architecture>> registry, Map<String, Shape> inputs) {
        for (YoloDetector net : PRESETS.values()) {
            registry.put(net.name(), net::build);
            inputs.put(net.name(), NATURAL_INPUT);
        }
    }

    private static Map<String, YoloDetector> build() {
        Map<String, YoloDetector> m = new LinkedHashMap<>();
        for (YoloDetector d : new YoloDetector[] {
                new YoloDetector("yolov8n_det", 0.25, 0.33, DEFAULT_ANCHORS, ActivationType.SILU),
                new YoloDetector("yolo_pico_det", 0.125, 0.33, DEFAULT_ANCHORS, ActivationType.SILU)}) {
            m.put(d.name(), d);
        }
        return Collections.unmodifiableMap(m);
    }
}
