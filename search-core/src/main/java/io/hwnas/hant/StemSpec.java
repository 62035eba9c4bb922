package io.hwnas.hant;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.arch.ActivationType;

import java.io.Serializable;

/** The teacher's fixed first layer (K×K conv → BN → activation), which HANT does not replace. */
public record StemSpec(int channels, int kernel, int stride, ActivationType activation) implements Serializable {

    public StemSpec {
        if (channels <= 0) {
            throw new IllegalArgumentException("field 'channels' = " + channels + " must be > 0");
        }
        if (kernel <= 0 || kernel % 2 == 0 || kernel > Op.MAX_KERNEL) {
            throw new IllegalArgumentException("field 'kernel' = " + kernel + " must be odd, in 1.." + Op.MAX_KERNEL);
        }
        if (stride < 1 || stride > 2) {
            throw new IllegalArgumentException("field 'stride' = " + stride + " must be 1 or 2");
        }
        if (activation == null) {
            throw new IllegalArgumentException("field 'activation' is required");
        }
    }

    @JsonCreator
    static StemSpec fromJson(@JsonProperty("channels") Integer channels, @JsonProperty("kernel") Integer kernel,
                             @JsonProperty("stride") Integer stride, @JsonProperty("activation") ActivationType activation) {
        if (channels == null) {
            throw new IllegalArgumentException("field 'channels' is required");
        }
        return new StemSpec(channels, kernel == null ? 3 : kernel, stride == null ? 1 : stride,
                activation == null ? ActivationType.RELU : activation);
    }
}
