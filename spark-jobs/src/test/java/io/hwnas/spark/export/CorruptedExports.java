package io.hwnas.spark.export;

import io.hwnas.transform.ConvParams;
import io.hwnas.transform.NodeParams;
import io.hwnas.transform.Parameters;
import io.hwnas.transform.Tensor;

import java.util.Map;

/** Exports whose ONNX models carry a wrong weight, through {@link ModelExport}'s package-private seam. */
public final class CorruptedExports {
    private CorruptedExports() {
    }

    /** {@link ModelExport#write} with the first weight of the first conv of each ONNX model raised by {@code delta}. */
    public static ModelExport.Outcome writeWithOneConvWeightRaised(ModelExport.Plan plan, double delta) {
        return ModelExport.write(plan, params -> {
            for (Map.Entry<String, NodeParams> e : params.byNode().entrySet()) {
                if (e.getValue() instanceof ConvParams conv) {
                    double[] w = conv.weight().toArray();
                    w[0] += delta;
                    return params.with(e.getKey(), new ConvParams(Tensor.of(w, conv.weight().shape()), conv.bias()));
                }
            }
            throw new IllegalArgumentException("no conv to corrupt among " + params.byNode().keySet());
        });
    }
}
