package io.hwnas.hant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.arch.ActivationType;

import java.io.Serializable;

/**
 * One searchable layer of the teacher: its output channels, its stride, and the op the teacher uses
 * there (default {@code conv3x3-relu}). Every alternative for this layer keeps the channels and stride.
 */
public record TeacherLayer(int channels, int stride, Op op) implements Serializable {
    public static final int MAX_CHANNELS = 4096;

    public TeacherLayer {
        if (channels <= 0 || channels > MAX_CHANNELS) {
            throw new IllegalArgumentException("field 'channels' = " + channels + " must be in 1.." + MAX_CHANNELS);
        }
        if (stride < 1 || stride > 2) {
            throw new IllegalArgumentException("field 'stride' = " + stride + " must be 1 or 2");
        }
        if (op == null) {
            throw new IllegalArgumentException("field 'op' is required");
        }
        if (op.kind() == OpKind.IDENTITY) {
            throw new IllegalArgumentException("field 'op' = identity: the teacher's own layer must compute something");
        }
    }

    @JsonCreator
    static TeacherLayer fromJson(@JsonProperty("channels") Integer channels, @JsonProperty("stride") Integer stride,
                                 @JsonProperty("op") Op op) {
        if (channels == null) {
            throw new IllegalArgumentException("field 'channels' is required");
        }
        return new TeacherLayer(channels, stride == null ? 1 : stride, op == null ? Op.conv(3, ActivationType.RELU) : op);
    }
}
