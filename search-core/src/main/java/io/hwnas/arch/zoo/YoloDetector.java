package io.hwnas.arch.zoo;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Concat;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Layer;
import io.hwnas.arch.Node;
import io.hwnas.arch.Shape;
import io.hwnas.arch.Size2;
import io.hwnas.arch.Upsample;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A YOLOv8-style detector on a one-channel square canvas, at two scales (strides 8 and 16), with an anchor-based
 * YOLOv2 head per scale. Proportions follow YOLOv8 (ultralytics {@code yolov8.yaml}): base widths 64, 128, 256, 512
 * scaled by {@code widthMultiple} (rounded up to a multiple of 8), C2f repeats 3, 6, 6 scaled by
 * {@code depthMultiple} (rounded, at least 1); YOLOv8-n is 0.25 and 0.33.
 *
 * <pre>
 * stem     conv 3×3 s2 → w0                              H/2
 * b1, b2   conv 3×3 s2 → w1, C2f(w1, n1, shortcut)        H/4
 * b3, b4   conv 3×3 s2 → w2, C2f(w2, n2, shortcut)        H/8   (P3)
 * b5, b6   conv 3×3 s2 → w3, C2f(w3, n3, shortcut)        H/16  (P4)
 * neck     upsample(b6) ⧺ b4 → C2f n4 (w2)                 H/8   (PAN top-down)
 *          conv 3×3 s2 (n4) ⧺ b6 → C2f n6 (w3)             H/16  (PAN bottom-up)
 * head.p3  conv 3×3 (w2) → conv 1×1 with bias → B·(5 + C)  H/8
 * head.p4  conv 3×3 (w3) → conv 1×1 with bias → B·(5 + C)  H/16
 * </pre>
 *
 * <p>Every conv but the two 1×1 prediction convs is conv (no bias) → BN → activation; each such conv is an
 * activation site named by its id, whose activation is {@code activation} unless {@code overrides} names it (ActNAS
 * searches these). C2f's first 1×1 conv, whose output YOLOv8 chunks in two, is two 1×1 convs ({@code cv1.a},
 * {@code cv1.b}) here, since the IR has no split: per output channel conv, BN and activation are independent, so the
 * two halves compute exactly the chunks, with the same MACs and parameters; they are two activation sites.
 *
 * <p>The net has two outputs, the prediction maps {@code head.p3.pred} and {@code head.p4.pred}, in the layout of
 * DL4J's {@code Yolo2OutputLayer} ([x, y, w, h, objectness, C class scores] per anchor); the last node is
 * {@code head.p4.pred}, and {@code head.p3.pred} is the only other node no node reads (see {@link #outputs}).
 *
 * @param name            the architecture's name
 * @param widthMultiple   scales the base widths; (0, 1]
 * @param depthMultiple   scales the C2f repeats; (0, 1]
 * @param anchorsPerScale B, the anchors (priors) of each head
 * @param activation      the activation of every conv site not in {@code overrides}
 * @param overrides       activation by conv site id (see {@link #sites})
 */
public record YoloDetector(String name, double widthMultiple, double depthMultiple, int anchorsPerScale,
                           ActivationType activation, Map<String, ActivationType> overrides) implements Serializable {

    /** YOLOv8's widths of P1..P4 before scaling. */
    private static final int[] BASE_WIDTHS = {64, 128, 256, 512};
    /** YOLOv8's C2f repeats of the P2, P3, P4 backbone stages before scaling (the neck's C2f take the P4 one's 3). */
    private static final int[] BASE_DEPTHS = {3, 6, 6, 3};
    /** Both heads' prediction-map node ids, finest scale first. */
    public static final List<String> OUTPUTS = List.of("head.p3.pred", "head.p4.pred");

    public YoloDetector {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("field 'name' is required");
        }
        if (!(widthMultiple > 0 && widthMultiple <= 1) || !(depthMultiple > 0 && depthMultiple <= 1)) {
            throw new IllegalArgumentException("network '" + name + "': fields 'widthMultiple' = " + widthMultiple
                    + " and 'depthMultiple' = " + depthMultiple + " must be in (0, 1]");
        }
        if (anchorsPerScale < 1) {
            throw new IllegalArgumentException("network '" + name + "': field 'anchorsPerScale' = " + anchorsPerScale
                    + " must be >= 1");
        }
        if (activation == null) {
            throw new IllegalArgumentException("network '" + name + "': field 'activation' is required");
        }
        overrides = Map.copyOf(overrides == null ? Map.of() : overrides);
        List<String> sites = sites(widthMultiple, depthMultiple);
        for (String site : new TreeMap<>(overrides).keySet()) {
            if (!sites.contains(site)) {
                throw new IllegalArgumentException("network '" + name + "': field 'overrides' names '" + site
                        + "', which is not a conv site (allowed: " + String.join(", ", sites) + ")");
            }
        }
    }

    /** The same net with one activation everywhere. */
    public YoloDetector(String name, double widthMultiple, double depthMultiple, int anchorsPerScale,
                        ActivationType activation) {
        this(name, widthMultiple, depthMultiple, anchorsPerScale, activation, Map.of());
    }

    /** The same net with these per-site activations instead of the current overrides. */
    public YoloDetector withOverrides(String newName, Map<String, ActivationType> newOverrides) {
        return new YoloDetector(newName, widthMultiple, depthMultiple, anchorsPerScale, activation, newOverrides);
    }

    /** The conv sites (ids of the convs followed by BN and an activation), in node order. */
    public List<String> sites() {
        return sites(widthMultiple, depthMultiple);
    }

    /** The activation conv site {@code site} gets. */
    public ActivationType activationOf(String site) {
        return overrides.getOrDefault(site, activation);
    }

    /**
     * The prediction-map ids of a detector net, finest scale first: the nodes no other node reads, the last node
     * among them. A YOLO net of this family gives {@link #OUTPUTS}.
     */
    public static List<String> outputs(Architecture arch) {
        Set<String> read = new HashSet<>();
        arch.nodes().forEach(n -> read.addAll(n.inputs()));
        return arch.nodes().stream().map(Node::id).filter(id -> !read.contains(id)).toList();
    }

    /** The net for a 1×S×S canvas (S a multiple of 16) and {@code numClasses} classes. */
    public Architecture build(Shape input, int numClasses) {
        if (input.channels() != 1 || input.height() != input.width() || input.height() % 16 != 0) {
            throw new IllegalArgumentException("network '" + name + "': input " + input
                    + " must be a one-channel square canvas whose side is a multiple of 16");
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("network '" + name + "': " + numClasses + " classes, expected >= 1");
        }
        Net net = new Net(new ArchitectureBuilder(name, input), widthMultiple, depthMultiple, this::activationOf, null);
        return net.build(anchorsPerScale * (5 + numClasses));
    }

    private static List<String> sites(double widthMultiple, double depthMultiple) {
        List<String> sites = new ArrayList<>();
        new Net(null, widthMultiple, depthMultiple, site -> ActivationType.IDENTITY, sites).layout();
        return List.copyOf(sites);
    }

    static int width(int stage, double widthMultiple) {
        return Math.max(8, (int) Math.ceil(BASE_WIDTHS[stage] * widthMultiple / 8) * 8);
    }

    static int depth(int stage, double depthMultiple) {
        return Math.max(1, (int) Math.round(BASE_DEPTHS[stage] * depthMultiple));
    }

    /**
     * One walk over the layout: with a builder it adds the nodes, with a site list it records the conv sites (so
     * the record can validate its overrides in its constructor, before it can build).
     */
    private record Net(ArchitectureBuilder b, double widthMultiple, double depthMultiple,
                       Function<String, ActivationType> activationOf, List<String> sites) {

        Architecture build(int predictions) {
            String[] heads = layout();
            for (int i = 0; i < heads.length; i++) {
                b.addFrom(OUTPUTS.get(i), new Conv2d(predictions, Size2.of(1), Size2.of(1), Size2.of(0), Size2.of(1), 1,
                        true), heads[i]);
            }
            return b.build();
        }

        /** Backbone, neck and the heads' 3×3 convs; returns the P3 and P4 heads' last nodes. */
        String[] layout() {
            int w0 = width(0, widthMultiple);
            int w1 = width(1, widthMultiple);
            int w2 = width(2, widthMultiple);
            int w3 = width(3, widthMultiple);
            String x = conv(Node.INPUT, "stem", w0, 3, 2);
            x = conv(x, "b1", w1, 3, 2);
            x = c2f(x, "b2", w1, depth(0, depthMultiple), true);
            x = conv(x, "b3", w2, 3, 2);
            String p3 = c2f(x, "b4", w2, depth(1, depthMultiple), true);
            x = conv(p3, "b5", w3, 3, 2);
            String p4 = c2f(x, "b6", w3, depth(2, depthMultiple), true);
            int neckDepth = depth(3, depthMultiple);
            String up = add("n3.upsample", Upsample.nearest(2), p4);
            String n4 = c2f(add("n3.concat", new Concat(), up, p3), "n4", w2, neckDepth, false);
            String down = conv(n4, "n5", w2, 3, 2);
            String n6 = c2f(add("n5.concat", new Concat(), down, p4), "n6", w3, neckDepth, false);
            return new String[] {conv(n4, "head.p3.conv", w2, 3, 1), conv(n6, "head.p4.conv", w3, 3, 1)};
        }

        /** YOLOv8's C2f: 1×1 to 2h split in two, n bottlenecks on the second half, all halves concatenated, 1×1. */
        private String c2f(String in, String id, int out, int n, boolean shortcut) {
            int h = out / 2;
            List<String> parts = new ArrayList<>();
            parts.add(conv(in, id + ".cv1.a", h, 1, 1));
            parts.add(conv(in, id + ".cv1.b", h, 1, 1));
            String y = parts.get(1);
            for (int i = 0; i < n; i++) {
                String m = id + ".m." + i;
                String t = conv(conv(y, m + ".cv1", h, 3, 1), m + ".cv2", h, 3, 1);
                y = shortcut ? add(m + ".add", new Add(), y, t) : t;
                parts.add(y);
            }
            return conv(add(id + ".concat", new Concat(), parts.toArray(String[]::new)), id + ".cv2", out, 1, 1);
        }

        /** conv (no bias) → BN → the site's activation; returns the activation's id. */
        private String conv(String in, String id, int out, int kernel, int stride) {
            if (sites != null) {
                sites.add(id);
            }
            if (b == null) {
                return id;
            }
            ActivationType act = activationOf.apply(id);
            b.addFrom(id, Conv2d.same(out, kernel, stride), in);
            b.add(id + ".bn", BatchNorm.standard());
            return b.add(id + "." + act.id(), new Activation(act)).last();
        }

        private String add(String id, Layer layer, String... inputs) {
            if (b != null) {
                b.addFrom(id, layer, inputs);
            }
            return id;
        }
    }
}
