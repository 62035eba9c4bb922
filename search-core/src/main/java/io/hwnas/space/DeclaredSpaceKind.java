package io.hwnas.space;

import java.util.Objects;
import java.util.Set;

/**
 * The part every bundled kind has in common: a type, a space class and capabilities fixed at
 * construction, so a space's nested kind only passes them to {@code super(...)} from its no-argument
 * constructor and writes its {@link #help()}.
 */
public abstract class DeclaredSpaceKind implements SpaceKind {
    private final String type;
    private final Class<? extends SearchSpace> spaceClass;
    private final Set<SpaceCapability> capabilities;

    protected DeclaredSpaceKind(String type, Class<? extends SearchSpace> spaceClass, SpaceCapability capability) {
        this.type = Objects.requireNonNull(type, "type");
        this.spaceClass = Objects.requireNonNull(spaceClass, "spaceClass");
        this.capabilities = Set.of(capability);
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Class<? extends SearchSpace> spaceClass() {
        return spaceClass;
    }

    @Override
    public final Set<SpaceCapability> capabilities() {
        return capabilities;
    }
}
