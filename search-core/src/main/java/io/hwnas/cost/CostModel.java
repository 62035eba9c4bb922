package io.hwnas.cost;

import io.hwnas.arch.Architecture;

import java.io.Serializable;

/**
 * Estimates what an architecture costs on one device. The seam between search and hardware:
 * search-core only knows this interface; hardware-profiles implements it (analytical, lookup-table,
 * measured). Implementations are immutable and serializable so executors can receive them.
 */
public interface CostModel extends Serializable {

    /** The device id this model describes, e.g. {@code ethos-u55-128}. */
    String device();

    CostReport estimate(Architecture architecture);
}
