package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

public enum PoolKind {
    MAX, AVG;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static PoolKind fromId(String name) {
        for (PoolKind k : values()) {
            if (k.id().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown pooling '" + name + "' (allowed: max, avg)");
    }
}
