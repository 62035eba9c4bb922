package io.hwnas.arch.zoo;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.Shape;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The SESR family of the paper's Table 1 (M3, M5, M7, M11 with f = 16 and XL with f = 32, m = 11), at ×2 and
 * ×4, registered in their deployed form at the low-resolution input of a 1280×720 output. The expansion p is
 * what the SESR README trains them with: 256, and 64 for M11 and XL.
 */
public final class Sesrs {

    /** The high-resolution output the paper costs SESR at. */
    public static final int OUTPUT_HEIGHT = 720;
    public static final int OUTPUT_WIDTH = 1280;
    /** The README's default p. */
    public static final int DEFAULT_EXPANSION = 256;

    private static final Map<String, Sesr> PRESETS = presets(List.of(2, 4));

    private Sesrs() {
    }

    /** {@code sesr_m3_x2} … {@code sesr_xl_x4} by name. */
    public static Map<String, Sesr> presets() {
        return PRESETS;
    }

    /** The one-channel low-resolution input whose ×scale output is 1280×720. */
    public static Shape naturalInput(Sesr net) {
        return Shape.image(1, OUTPUT_HEIGHT / net.scale(), OUTPUT_WIDTH / net.scale());
    }

    /** Registers the deployed nets; a super-resolution net has no classes, so the factory ignores them. */
    static void register(Map<String, BiFunction<Shape, Integer, Architecture>> registry, Map<String, Shape> inputs) {
        for (Sesr net : PRESETS.values()) {
            registry.put(net.name(), (input, classes) -> net.deployed(input));
            inputs.put(net.name(), naturalInput(net));
        }
    }

    private static Map<String, Sesr> presets(List<Integer> scales) {
        Map<String, Sesr> m = new LinkedHashMap<>();
        for (int scale : scales) {
            for (int blocks : List.of(3, 5, 7, 11)) {
                add(m, new Sesr("sesr_m" + blocks + "_x" + scale, 16, blocks, scale,
                        blocks == 11 ? 64 : DEFAULT_EXPANSION));
            }
            add(m, new Sesr("sesr_xl_x" + scale, 32, 11, scale, 64));
        }
        return Collections.unmodifiableMap(m);
    }

    private static void add(Map<String, Sesr> m, Sesr net) {
        m.put(net.name(), net);
    }
}
