package io.hwnas.search.surrogate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The registry of {@link Regressor}s that {@link ServiceLoader} finds on hwnas's own class path (the
 * application jar's merged {@code META-INF/services} on a cluster), sorted by type. Loaded once.
 */
public final class Regressors {
    private static final List<Regressor> ALL = load();

    private Regressors() {
    }

    /** The registered types, sorted: what {@code search.strategy.model} accepts. */
    public static List<String> types() {
        return ALL.stream().map(Regressor::type).toList();
    }

    public static Optional<Regressor> find(String type) {
        return ALL.stream().filter(r -> r.type().equals(type)).findFirst();
    }

    private static List<Regressor> load() {
        List<Regressor> all = new ArrayList<>();
        for (Regressor r : ServiceLoader.load(Regressor.class, Regressor.class.getClassLoader())) {
            if (all.stream().anyMatch(o -> o.type().equals(r.type()))) {
                throw new IllegalStateException("regressors " + r.getClass().getName() + " and another both claim type '"
                        + r.type() + "'");
            }
            all.add(r);
        }
        all.sort(Comparator.comparing(Regressor::type));
        return List.copyOf(all);
    }
}
