package io.hwnas.proxy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;

/**
 * Which training-free proxies each candidate gets and on how many images. Scores land in result
 * columns named like the proxies, so they can be objectives, constraints or study subjects.
 *
 * @param names proxies to compute, from {@link ProxyKind}
 * @param batchSize images in the one minibatch every proxy sees (NASWOT's kernel is batchSize²)
 */
public record ProxySettings(List<String> names, int batchSize) implements Serializable {

    public ProxySettings {
        names = List.copyOf(names);
        for (String n : names) {
            ProxyKind.byName(n);
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException("field 'proxies.names' lists a proxy twice: " + names);
        }
        if (batchSize < 2 || batchSize > 4096) {
            throw new IllegalArgumentException("field 'proxies.batchSize' = " + batchSize + " must be in 2..4096");
        }
    }

    @JsonCreator
    static ProxySettings fromJson(@JsonProperty("names") List<String> names, @JsonProperty("batchSize") Integer batchSize) {
        return new ProxySettings(names == null ? List.of() : names, batchSize == null ? 64 : batchSize);
    }

    public static ProxySettings none() {
        return new ProxySettings(List.of(), 64);
    }

    public static ProxySettings all() {
        return new ProxySettings(ProxyKind.names(), 64);
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }
}
