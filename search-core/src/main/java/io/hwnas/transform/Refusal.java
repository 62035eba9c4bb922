package io.hwnas.transform;

import java.io.Serializable;

/**
 * A place where a transform's pattern matched but the rewrite was refused or vetoed.
 *
 * @param at the anchor the transform was tried at
 * @param reason the refusal message, which names the node it is about (not always the anchor)
 */
public record Refusal(String transform, String at, String reason) implements Serializable {

    @Override
    public String toString() {
        return transform + " at '" + at + "': " + reason;
    }
}
