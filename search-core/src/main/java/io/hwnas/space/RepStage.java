package io.hwnas.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.Serializable;

/**
 * One stage of a RepNAS net, RepVGG style: {@code blocks} conv slots at {@code channels} channels;
 * the first slot carries the stride, so a stride-2 stage downsamples without pooling.
 */
public record RepStage(int channels, int blocks, int stride) implements Serializable {

    public RepStage {
        if (channels <= 0) {
            throw new IllegalArgumentException("field 'channels' = " + channels + " must be > 0");
        }
        if (blocks <= 0) {
            throw new IllegalArgumentException("field 'blocks' = " + blocks + " must be > 0");
        }
        if (stride != 1 && stride != 2) {
            throw new IllegalArgumentException("field 'stride' = " + stride + " is not allowed (allowed: 1, 2)");
        }
    }

    @JsonCreator
    static RepStage fromJson(@JsonProperty("channels") Integer channels, @JsonProperty("blocks") Integer blocks,
                             @JsonProperty("stride") Integer stride) {
        if (channels == null) {
            throw new IllegalArgumentException("field 'channels' is required");
        }
        return new RepStage(channels, blocks == null ? 1 : blocks, stride == null ? 1 : stride);
    }
}
