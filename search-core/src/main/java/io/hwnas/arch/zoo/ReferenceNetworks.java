package io.hwnas.arch.zoo;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.Shape;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Well-known networks expressed in the IR, layer for layer as torchvision builds them, so that
 * counting and cost models can be checked against published MACs and parameter counts
 * (shared/docs/reference-numbers.md) and so that searched nets have familiar baselines. Each family
 * lives in its own class and registers its names here.
 *
 * <p>A conv's batch-norm and activation hang under the conv's id ({@code layer2.0.conv1.bn},
 * {@code layer2.0.conv1.relu}) so the conv–BN pairs that get folded at inference are visible from
 * the ids alone.
 */
public final class ReferenceNetworks {

    public static final Shape IMAGENET_INPUT = Shape.image(3, 224, 224);
    public static final int IMAGENET_CLASSES = 1000;

    private static final Map<String, BiFunction<Shape, Integer, Architecture>> BY_NAME = new LinkedHashMap<>();
    private static final Map<String, ScalableNetwork> SCALABLE = new LinkedHashMap<>();

    static {
        ResNets.register(BY_NAME);
        MobileNets.register(BY_NAME);
        ConvNeXts.register(BY_NAME);
        SCALABLE.put("convnext_t", ConvNeXts.scalable("convnext_t", ConvNeXts.TINY));
        SCALABLE.put("convnext_t_mini", ConvNeXts.scalable("convnext_t_mini", ConvNeXts.MINI));
    }

    private ReferenceNetworks() {
    }

    /** The names {@link #byName} accepts. */
    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    /**
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Architecture byName(String name, Shape input, int numClasses) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        BiFunction<Shape, Integer, Architecture> factory = BY_NAME.get(key);
        if (factory == null) {
            throw new IllegalArgumentException("unknown reference network '" + name + "' (known: "
                    + String.join(", ", BY_NAME.keySet()) + ")");
        }
        return factory.apply(input, numClasses);
    }


    /** The names {@link #scalable} accepts: the families RAN-i can scale in depth and width. */
    public static List<String> scalableNames() {
        return List.copyOf(SCALABLE.keySet());
    }

    /**
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static ScalableNetwork scalable(String name) {
        ScalableNetwork n = SCALABLE.get(name == null ? "" : name.trim().toLowerCase(Locale.ROOT));
        if (n == null) {
            throw new IllegalArgumentException("unknown scalable network '" + name + "' (known: "
                    + String.join(", ", SCALABLE.keySet()) + ")");
        }
        return n;
    }
}
