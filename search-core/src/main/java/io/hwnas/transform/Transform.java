package io.hwnas.transform;

import io.hwnas.arch.Architecture;

import java.util.List;

/**
 * A function-preserving rewrite of an architecture at one node, with the matching weight mapping.
 * The replacement keeps the id of the region's output node, so every node id present in both the
 * source and the target denotes the same tensor and activations can be compared vertex by vertex.
 */
public interface Transform {

    /** Short kebab-case name used in reports. */
    String name();

    /**
     * The nodes where the pattern of this transform occurs, in execution order. Applying at one may
     * still be refused when the rewrite would not be exact there.
     */
    List<String> anchors(Architecture arch);

    /**
     * @throws TransformException naming the node, the field and why, when the rewrite does not apply
     *     at {@code at} or would not be exact
     */
    TransformResult apply(Architecture arch, String at);
}
