package io.hwnas.hant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Multiply;
import io.hwnas.space.BaseNet;
import io.hwnas.space.ImageInput;

import java.io.Serializable;
import java.util.List;

/**
 * The teacher HANT compresses: a chain of stem → searchable layers → global average pool → dense
 * classifier. Only the layers are replaced; stem and head stay the teacher's.
 */
public record TeacherSpec(ImageInput input, int classes, StemSpec stem, List<TeacherLayer> layers)
        implements Serializable {
    public static final int MAX_LAYERS = 64;

    public TeacherSpec {
        if (input == null) {
            throw new IllegalArgumentException("field 'input' is required");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("field 'classes' = " + classes + " must be >= 2");
        }
        if (stem == null) {
            throw new IllegalArgumentException("field 'stem' is required");
        }
        if (layers == null || layers.isEmpty() || layers.size() > MAX_LAYERS) {
            throw new IllegalArgumentException("field 'layers' has " + (layers == null ? 0 : layers.size())
                    + " entries, must have 1.." + MAX_LAYERS);
        }
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) == null) {
                throw new IllegalArgumentException("field 'layers[" + i + "]' is empty");
            }
        }
        layers = List.copyOf(layers);
    }

    @JsonCreator
    static TeacherSpec fromJson(@JsonProperty("input") ImageInput input, @JsonProperty("classes") Integer classes,
                                @JsonProperty("stem") StemSpec stem, @JsonProperty("layers") List<TeacherLayer> layers,
                                @JsonProperty("base") BaseNet base) {
        if (base != null) {
            throw base.refusal("HANT", "'stem' and 'layers' (MobileNetV3-style layers are "
                    + "mbconv<K>x<K>-e<T>-hard_swish or -relu ops)", n -> n.layer() instanceof Multiply,
                    "a squeeze-excite, which no op of HANT's library (conv, dwsep, mbconv, identity) computes");
        }
        return new TeacherSpec(input == null ? new ImageInput(1, 28, 28) : input, classes == null ? 10 : classes,
                stem, layers);
    }

    /**
     * A 6-layer CNN for 1×28×28 Fashion-MNIST in the style of the nets HANT starts from: SiLU everywhere (the
     * EfficientNet activation, which NPUs run as a lookup table instead of fusing it), 3×3 convs, a stride-2 stem
     * and two stride-2 layers (14×14, 7×7, 4×4 maps; about 3.6 M MACs), small enough to train on a CPU in minutes.
     */
    public static TeacherSpec preset() {
        Op op = Op.conv(3, ActivationType.SILU);
        return new TeacherSpec(new ImageInput(1, 28, 28), 10, new StemSpec(24, 3, 2, ActivationType.SILU),
                List.of(new TeacherLayer(24, 1, op), new TeacherLayer(32, 2, op), new TeacherLayer(32, 1, op),
                        new TeacherLayer(64, 2, op), new TeacherLayer(64, 1, op), new TeacherLayer(96, 1, op)));
    }
}
