package io.hwnas.hant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Layer;
import io.hwnas.arch.Node;
import io.hwnas.arch.Shape;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One alternative for a searchable layer, named like {@code conv3x3-relu}, {@code conv5x5-silu},
 * {@code dwsep3x3-relu}, {@code mbconv3x3-e4-hard_swish} or {@code identity}; the activation defaults to
 * relu when a name leaves it out. The layer's stride and output channels come from the slot the op fills,
 * so one op fits every layer it is shape-compatible with.
 *
 * @param expansion MBConv's expansion factor t (1 = no expansion conv, as MobileNetV2's first block); 1 for other kinds
 */
public record Op(OpKind kind, int kernel, int expansion, ActivationType activation) implements Serializable {
    public static final int MAX_KERNEL = 7;
    public static final int MAX_EXPANSION = 8;
    private static final Pattern NAME = Pattern.compile("(conv|dwsep|mbconv)(\\d+)x(\\d+)(?:-e(\\d+))?(?:-([a-z0-9_]+))?");
    private static final String GRAMMAR = "identity, conv<K>x<K>[-<activation>], dwsep<K>x<K>[-<activation>] or "
            + "mbconv<K>x<K>-e<T>[-<activation>], K odd in 1.." + MAX_KERNEL + ", T in 1.." + MAX_EXPANSION;

    public Op {
        if (kind == null) {
            throw new IllegalArgumentException("field 'kind' is required");
        }
        if (activation == null) {
            throw new IllegalArgumentException("field 'activation' is required");
        }
        if (kind == OpKind.IDENTITY) {
            if (kernel != 1 || expansion != 1 || activation != ActivationType.IDENTITY) {
                throw new IllegalArgumentException("identity op has no kernel, expansion or activation, got kernel "
                        + kernel + ", expansion " + expansion + ", activation " + activation.id());
            }
        } else {
            if (kernel < 1 || kernel > MAX_KERNEL || kernel % 2 == 0) {
                throw new IllegalArgumentException("field 'kernel' = " + kernel + " must be odd, in 1.." + MAX_KERNEL);
            }
            if (kind == OpKind.MBCONV ? expansion < 1 || expansion > MAX_EXPANSION : expansion != 1) {
                throw new IllegalArgumentException("field 'expansion' = " + expansion + " must be "
                        + (kind == OpKind.MBCONV ? "in 1.." + MAX_EXPANSION : "1 for " + kind.prefix()));
            }
        }
    }

    public static Op identity() {
        return new Op(OpKind.IDENTITY, 1, 1, ActivationType.IDENTITY);
    }

    public static Op conv(int kernel, ActivationType activation) {
        return new Op(OpKind.CONV, kernel, 1, activation);
    }

    public static Op depthwiseSeparable(int kernel, ActivationType activation) {
        return new Op(OpKind.DW_SEPARABLE, kernel, 1, activation);
    }

    public static Op mbconv(int kernel, int expansion, ActivationType activation) {
        return new Op(OpKind.MBCONV, kernel, expansion, activation);
    }

    /** @throws IllegalArgumentException naming the value and the accepted grammar */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Op parse(String name) {
        String text = name == null ? "" : name.trim();
        if (text.equals(OpKind.IDENTITY.prefix())) {
            return identity();
        }
        Matcher m = NAME.matcher(text);
        if (!m.matches() || !m.group(2).equals(m.group(3))) {
            throw new IllegalArgumentException("op '" + name + "' is not understood (allowed: " + GRAMMAR + ")");
        }
        OpKind kind = switch (m.group(1)) {
            case "conv" -> OpKind.CONV;
            case "dwsep" -> OpKind.DW_SEPARABLE;
            default -> OpKind.MBCONV;
        };
        if ((m.group(4) != null) != (kind == OpKind.MBCONV)) {
            throw new IllegalArgumentException("op '" + name + "': "
                    + (kind == OpKind.MBCONV ? "mbconv needs an expansion -e<T>" : "only mbconv takes an expansion")
                    + " (allowed: " + GRAMMAR + ")");
        }
        ActivationType act;
        try {
            act = m.group(5) == null ? ActivationType.RELU : ActivationType.fromId(m.group(5));
        } catch (IllegalArgumentException e) {
            // no cause chained: config readers report the root cause, which would drop the op's name
            throw new IllegalArgumentException("op '" + name + "': " + e.getMessage());
        }
        if (act == ActivationType.IDENTITY) {
            throw new IllegalArgumentException("op '" + name + "': activation 'identity' is not offered (use a "
                    + "non-linear activation, or the identity op to drop the layer)");
        }
        try {
            return new Op(kind, Integer.parseInt(m.group(2)), m.group(4) == null ? 1 : Integer.parseInt(m.group(4)), act);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("op '" + name + "': " + e.getMessage());
        }
    }

    /** The canonical name; {@link #parse} of it gives this op back. */
    @JsonValue
    public String name() {
        return switch (kind) {
            case IDENTITY -> kind.prefix();
            case MBCONV -> kind.prefix() + kernel + "x" + kernel + "-e" + expansion + "-" + activation.id();
            default -> kind.prefix() + kernel + "x" + kernel + "-" + activation.id();
        };
    }

    /** Why this op cannot fill a layer taking {@code in} to {@code outChannels} at {@code stride}; empty if it can. */
    public Optional<String> misfit(Shape in, int outChannels, int stride) {
        if (kind == OpKind.IDENTITY && (stride != 1 || in.channels() != outChannels)) {
            return Optional.of("identity needs stride 1 and equal channels, the layer has stride " + stride + " and "
                    + in.channels() + " -> " + outChannels + " channels");
        }
        return Optional.empty();
    }

    /**
     * The op's nodes for one layer, ids prefixed with {@code prefix}, reading tensor {@code input} of shape
     * {@code in}.
     *
     * @throws IllegalArgumentException when the op does not fit the layer (see {@link #misfit})
     */
    public Fragment build(String prefix, String input, Shape in, int outChannels, int stride) {
        misfit(in, outChannels, stride).ifPresent(reason -> {
            throw new IllegalArgumentException("op '" + name() + "': " + reason);
        });
        Chain c = new Chain(prefix, input);
        switch (kind) {
            case IDENTITY:
                return new Fragment(List.of(), input);
            case CONV:
                c.convBnAct("", Conv2d.same(outChannels, kernel, stride), activation);
                break;
            case DW_SEPARABLE:
                c.convBnAct("dw", DepthwiseConv2d.same(kernel, stride), activation);
                c.convBnAct("pw", Conv2d.same(outChannels, 1, 1), activation);
                break;
            case MBCONV:
                if (expansion > 1) {
                    c.convBnAct("expand", Conv2d.same(in.channels() * expansion, 1, 1), activation);
                }
                c.convBnAct("dw", DepthwiseConv2d.same(kernel, stride), activation);
                c.convBnAct("project", Conv2d.same(outChannels, 1, 1), null);
                if (stride == 1 && in.channels() == outChannels) {
                    c.add("add", new Add(), c.last, input);
                }
                break;
            default:
                throw new IllegalStateException("unhandled op kind " + kind);
        }
        return new Fragment(c.nodes, c.last);
    }

    @Override
    public String toString() {
        return name();
    }

    /** Appends nodes with prefixed ids, each reading the previous one unless told otherwise. */
    private static final class Chain {
        final String prefix;
        final List<Node> nodes = new ArrayList<>();
        String last;

        Chain(String prefix, String input) {
            this.prefix = prefix;
            this.last = input;
        }

        void add(String name, Layer layer, String... inputs) {
            String id = prefix + name;
            nodes.add(Node.of(id, layer, inputs.length == 0 ? new String[] {last} : inputs));
            last = id;
        }

        void convBnAct(String part, Layer conv, ActivationType act) {
            String p = part.isEmpty() ? "" : part + "_";
            add(p + "conv", conv);
            add(p + "bn", BatchNorm.standard());
            if (act != null) {
                add(p + "act", new Activation(act));
            }
        }
    }
}
