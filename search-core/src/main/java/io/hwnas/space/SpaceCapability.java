package io.hwnas.space;

/** What a kind of space's points are, and so which jobs apply to them. */
public enum SpaceCapability {
    /**
     * Points decode to networks ({@link SearchSpace#decode}): they are built, trained, costed on
     * devices, and final training, export and collapse apply.
     */
    NETWORKS,
    /**
     * Points are rows of a table ({@link SearchSpace#lookupTable}) holding their metrics: they are
     * looked up instead of evaluated.
     */
    TABLE
}
