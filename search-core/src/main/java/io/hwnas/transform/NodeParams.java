package io.hwnas.transform;

import java.io.Serializable;

/**
 * The parameters of one node in framework-neutral layout. Conversions to and from a framework live
 * with that framework's adapter ({@link Dl4jParameters}), so the rewrite math never sees a layout.
 */
public sealed interface NodeParams extends Serializable permits ConvParams, DenseParams, BatchNormParams,
        LayerNormParams, PReluParams {
}
