package io.hwnas.space;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.arch.PoolKind;

import java.io.Serializable;

/**
 * One stage of a plain CNN: {@code convs} × (K×K conv → BN → activation) at {@code channels}
 * channels, then an optional 2×2 pooling that halves the resolution.
 */
public record ConvStage(int channels, int convs, int kernel, PoolKind pool) implements Serializable {

    public ConvStage {
        if (channels <= 0) {
            throw new IllegalArgumentException("field 'channels' = " + channels + " must be > 0");
        }
        if (convs <= 0) {
            throw new IllegalArgumentException("field 'convs' = " + convs + " must be > 0");
        }
        if (kernel <= 0 || kernel % 2 == 0) {
            throw new IllegalArgumentException("field 'kernel' = " + kernel + " must be a positive odd number");
        }
    }

    @JsonCreator
    static ConvStage fromJson(@JsonProperty("channels") Integer channels, @JsonProperty("convs") Integer convs,
                              @JsonProperty("kernel") Integer kernel, @JsonProperty("pool") PoolKind pool) {
        if (channels == null) {
            throw new IllegalArgumentException("field 'channels' is required");
        }
        return new ConvStage(channels, convs == null ? 1 : convs, kernel == null ? 3 : kernel, pool);
    }
}
