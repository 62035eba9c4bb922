package io.hwnas.transform;

import java.io.Serializable;

/**
 * Maps the parameters of a transform's source architecture to those of its target. Pure: the
 * source parameters are not modified.
 */
@FunctionalInterface
public interface WeightMapper extends Serializable {

    Parameters apply(Parameters source);

    default WeightMapper andThen(WeightMapper next) {
        return p -> next.apply(apply(p));
    }

    static WeightMapper identity() {
        return p -> p;
    }
}
