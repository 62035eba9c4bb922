package io.hwnas.arch;

import java.io.Serializable;

/** What one node costs; see {@link Layer} for the counting convention. */
public record LayerCount(String nodeId, String op, Shape output, long macs, long trainableParams, long stateParams,
                         long elementOps, long outputElements) implements Serializable {
}
