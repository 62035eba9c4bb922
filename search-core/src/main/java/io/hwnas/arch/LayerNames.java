package io.hwnas.arch;

import com.fasterxml.jackson.annotation.JsonSubTypes;

import java.util.HashMap;
import java.util.Map;

/** The JSON op name of each layer kind, read from {@link Layer}'s own annotations so they cannot drift apart. */
final class LayerNames {
    private static final Map<Class<?>, String> NAMES = new HashMap<>();

    static {
        for (JsonSubTypes.Type t : Layer.class.getAnnotation(JsonSubTypes.class).value()) {
            NAMES.put(t.value(), t.name());
        }
    }

    private LayerNames() {
    }

    static String of(Layer layer) {
        return NAMES.get(layer.getClass());
    }
}
