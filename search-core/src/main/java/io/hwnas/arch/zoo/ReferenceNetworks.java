package io.hwnas.arch.zoo;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.arch.Shape;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Well-known networks expressed in the IR, layer for layer as torchvision (SESR: its authors' code) builds
 * them, so that counting and cost models can be checked against published MACs and parameter counts
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
    /** The small variants ({@code *_mini}) are sized for Fashion-MNIST. */
    public static final Shape MINI_INPUT = Shape.image(1, 28, 28);
    public static final int MINI_CLASSES = 10;
    static final String MINI_SUFFIX = "_mini";
    /** Where each network's JSON form lives on the classpath, at its natural input. */
    static final String RESOURCE_DIR = "/io/hwnas/arch/zoo/";

    private static final Map<String, BiFunction<Shape, Integer, Architecture>> BY_NAME = new LinkedHashMap<>();
    /** The super-resolution nets' natural (low-resolution) inputs; they have no classes. */
    private static final Map<String, Shape> SUPER_RESOLUTION_INPUTS = new LinkedHashMap<>();
    /** The detectors' natural inputs (a canvas) and class counts. */
    private static final Map<String, Shape> DETECTION_INPUTS = new LinkedHashMap<>();
    private static final Map<String, ScalableNetwork> SCALABLE = new LinkedHashMap<>();

    static {
        ResNets.register(BY_NAME);
        MobileNets.register(BY_NAME);
        ConvNeXts.register(BY_NAME);
        Sesrs.register(BY_NAME, SUPER_RESOLUTION_INPUTS);
        Yolos.register(BY_NAME, DETECTION_INPUTS);
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
     * The network built for any input and class count.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static Architecture byName(String name, Shape input, int numClasses) {
        return factory(name).apply(input, numClasses);
    }

    /**
     * The network at its natural input and classes: ImageNet for the full classifiers, Fashion-MNIST for minis,
     * the low-resolution input of a 1280×720 output for super-resolution nets.
     */
    public static Architecture byName(String name) {
        String key = key(name);
        return byName(key, naturalInput(key), naturalClasses(key));
    }

    /**
     * The network's bundled JSON form (the same net as {@link #byName(String)}, checked by a test), for
     * readers who want the IR without running Java.
     */
    public static Architecture load(String name) {
        String key = key(name);
        factory(key);
        try (InputStream in = ReferenceNetworks.class.getResourceAsStream(resource(key))) {
            if (in == null) {
                throw new IllegalStateException("reference network '" + key + "' has no bundled JSON at " + resource(key)
                        + " (regenerate with 'hwnas zoo --export')");
            }
            return ArchitectureJson.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource(key), e);
        }
    }

    public static Shape naturalInput(String name) {
        String key = key(name);
        if (SUPER_RESOLUTION_INPUTS.containsKey(key)) {
            return SUPER_RESOLUTION_INPUTS.get(key);
        }
        if (DETECTION_INPUTS.containsKey(key)) {
            return DETECTION_INPUTS.get(key);
        }
        return key.endsWith(MINI_SUFFIX) ? MINI_INPUT : IMAGENET_INPUT;
    }

    /** 0 for super-resolution nets, which have no classes (their builders ignore the count). */
    public static int naturalClasses(String name) {
        String key = key(name);
        if (SUPER_RESOLUTION_INPUTS.containsKey(key)) {
            return 0;
        }
        if (DETECTION_INPUTS.containsKey(key)) {
            return Yolos.NATURAL_CLASSES;
        }
        return key.endsWith(MINI_SUFFIX) ? MINI_CLASSES : IMAGENET_CLASSES;
    }

    /** The classpath resource of a network's JSON form. */
    public static String resource(String name) {
        return RESOURCE_DIR + key(name) + ".json";
    }

    private static String key(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    }

    private static BiFunction<Shape, Integer, Architecture> factory(String name) {
        BiFunction<Shape, Integer, Architecture> factory = BY_NAME.get(key(name));
        if (factory == null) {
            throw new IllegalArgumentException("unknown reference network '" + name + "' (known: "
                    + String.join(", ", BY_NAME.keySet()) + ")");
        }
        return factory;
    }

    /** The names {@link #scalable} accepts: the families RAN-i can scale in depth and width. */
    public static List<String> scalableNames() {
        return List.copyOf(SCALABLE.keySet());
    }

    /**
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static ScalableNetwork scalable(String name) {
        ScalableNetwork n = SCALABLE.get(key(name));
        if (n == null) {
            throw new IllegalArgumentException("unknown scalable network '" + name + "' (known: "
                    + String.join(", ", SCALABLE.keySet()) + ")");
        }
        return n;
    }
}
