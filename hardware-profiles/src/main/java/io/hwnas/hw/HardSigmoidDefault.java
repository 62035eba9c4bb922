package io.hwnas.hw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Profiles written before the IR had hard-sigmoid say nothing about it. Hard-sigmoid is hard-swish without its
 * final multiply, so such a profile runs it as it runs hard-swish, under hard-swish's source; a profile that
 * names hard-sigmoid is read as written.
 */
final class HardSigmoidDefault {
    private static final String SUPPORT = "activations.support.";

    private HardSigmoidDefault() {
    }

    /**
     * Fills {@code activations.support.hard_sigmoid} (and its source) of a format 3 document that lacks it; false
     * when there was nothing to fill.
     */
    static boolean fill(ObjectNode format3) {
        if (!(format3.path("activations").path("support") instanceof ObjectNode support)
                || support.has("hard_sigmoid") || !support.has("hard_swish")) {
            return false;
        }
        support.set("hard_sigmoid", support.get("hard_swish"));
        JsonNode sources = format3.get("sources");
        if (sources instanceof ObjectNode s && s.path(SUPPORT + "hard_swish").isTextual()) {
            // the same text keeps the same standing: an estimate stays an estimate
            s.put(SUPPORT + "hard_sigmoid", s.get(SUPPORT + "hard_swish").asText()
                    + " (hard_sigmoid, which this profile predates, runs as hard_swish)");
        }
        return true;
    }
}
