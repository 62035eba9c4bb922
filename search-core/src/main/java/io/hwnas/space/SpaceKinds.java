package io.hwnas.space;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The registry of space kinds: every {@link SpaceKind} that {@link ServiceLoader} finds on the
 * class path of hwnas's own class loader (the application jar's merged {@code META-INF/services} on
 * a cluster), sorted by type. Loaded once; two kinds claiming one type or one class fail loudly.
 */
public final class SpaceKinds {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]*");
    private static final List<SpaceKind> ALL = load();
    private static final Map<String, SpaceKind> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(SpaceKind::type, Function.identity()));
    private static final Map<Class<?>, SpaceKind> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(SpaceKind::spaceClass, Function.identity()));

    private SpaceKinds() {
    }

    /** Every registered kind, by type. */
    public static List<SpaceKind> all() {
        return ALL;
    }

    /** The registered types, sorted: what {@code space.type} accepts. */
    public static List<String> types() {
        return ALL.stream().map(SpaceKind::type).toList();
    }

    public static Optional<SpaceKind> find(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** The kind registered for {@code spaceClass}. */
    public static SpaceKind of(Class<? extends SearchSpace> spaceClass) {
        SpaceKind kind = BY_CLASS.get(spaceClass);
        if (kind != null) {
            return kind;
        }
        throw new IllegalStateException(spaceClass.getName() + " is not a registered space kind: give it a "
                + "SpaceKind annotated @AutoService(SpaceKind.class) (registered: " + String.join(", ", types()) + ")");
    }

    private static List<SpaceKind> load() {
        List<SpaceKind> kinds = new ArrayList<>();
        for (SpaceKind k : ServiceLoader.load(SpaceKind.class, SpaceKind.class.getClassLoader())) {
            String name = k.getClass().getName();
            if (k.type() == null || !TYPE.matcher(k.type()).matches()) {
                throw new IllegalStateException("space kind " + name + " has type '" + k.type()
                        + "'; allowed: lower case letters, digits and '-', starting with a letter");
            }
            if (k.spaceClass() == null) {
                throw new IllegalStateException("space kind " + name + " names no space class");
            }
            for (SpaceKind other : kinds) {
                if (other.type().equals(k.type()) || other.spaceClass().equals(k.spaceClass())) {
                    throw new IllegalStateException("space kinds " + other.getClass().getName() + " and " + name
                            + " both claim type '" + k.type() + "' or class " + k.spaceClass().getName());
                }
            }
            kinds.add(k);
        }
        kinds.sort(Comparator.comparing(SpaceKind::type));
        return List.copyOf(kinds);
    }
}
