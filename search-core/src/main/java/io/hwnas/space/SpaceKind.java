package io.hwnas.space;

import java.util.Set;

/**
 * A kind of search space that configs select with {@code space.type}: the plug-in point for new
 * spaces. Kinds are found at run time through {@link java.util.ServiceLoader} ({@link SpaceKinds}),
 * so a new kind is its space class with a nested kind annotated
 * {@code @AutoService(SpaceKind.class)} (which writes the {@code META-INF/services} entry), plus
 * an example config: config binding, {@code hwnas spaces} and every job take it from there.
 *
 * <p>Implementations need a public no-argument constructor and must not do work in it: every kind
 * is instantiated when the registry loads.
 */
public interface SpaceKind {

    /** The {@code space.type} that selects this kind, e.g. {@code activation}: lower case, digits and '-'. */
    String type();

    /** The class configs bind to: it has a {@code @JsonCreator}, whose parameters are the config keys. */
    Class<? extends SearchSpace> spaceClass();

    /** What the points are: {@link SpaceCapability#NETWORKS}, {@link SpaceCapability#TABLE}. */
    Set<SpaceCapability> capabilities();

    /** What {@code hwnas spaces} prints about this kind. */
    SpaceHelp help();
}
