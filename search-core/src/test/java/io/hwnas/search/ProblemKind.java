package io.hwnas.search;

import io.hwnas.space.SearchSpace;
import io.hwnas.space.SpaceCapability;
import io.hwnas.space.SpaceHelp;
import io.hwnas.space.SpaceKind;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The kind of a test problem's space: unregistered, so no config can name it, and its points have no networks. */
record ProblemKind(String type, Class<? extends SearchSpace> spaceClass) implements SpaceKind {

    @Override
    public Set<SpaceCapability> capabilities() {
        return Set.of();
    }

    @Override
    public SpaceHelp help() {
        return new SpaceHelp("a strategy test problem", List.of(), Map.of("none", "built in code"), "none");
    }
}
