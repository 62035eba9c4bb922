package io.hwnas.transform;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Shape;
import io.hwnas.arch.Size2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small test nets and the exactness assertion shared by the transform tests. */
final class Nets {
    private static final Logger LOG = LoggerFactory.getLogger(Nets.class);

    private Nets() {
    }

    static ArchitectureBuilder builder(String name, int channels, int height, int width) {
        return new ArchitectureBuilder(name, Shape.image(channels, height, width));
    }

    /** Global pool and a classifier after the last node, so that DL4J accepts the graph. */
    static Architecture withHead(ArchitectureBuilder b) {
        b.add("head.pool", GlobalPool.avg());
        b.add("head.fc", Dense.of(3));
        return b.build();
    }

    static Conv2d conv(int out, int k, int stride, int padding, boolean bias) {
        return new Conv2d(out, Size2.of(k), Size2.of(stride), Size2.of(padding), Size2.of(1), 1, bias);
    }

    static Conv2d conv(int out, int kh, int kw, int stride, int ph, int pw, boolean bias) {
        return new Conv2d(out, new Size2(kh, kw), Size2.of(stride), new Size2(ph, pw), Size2.of(1), 1, bias);
    }

    static DepthwiseConv2d dw(int k, int stride, int padding, int multiplier, boolean bias) {
        return new DepthwiseConv2d(Size2.of(k), Size2.of(stride), Size2.of(padding), Size2.of(1), multiplier, bias);
    }

    /** Asserts max |Δ| &lt; 1e-4 over every shared vertex, which must include {@code regionOutput}. */
    static OracleReport assertExact(Architecture source, TransformResult result, String regionOutput) {
        OracleReport report = new ExactnessOracle(17, 3).compare(source, result);
        LOG.info("{}: {} -> {}", source.name(), result.rewrites(), report);
        assertTrue(report.perVertex().containsKey(regionOutput),
                "vertex '" + regionOutput + "' was not compared: " + report.perVertex().keySet());
        assertTrue(report.within(ExactnessOracle.FP32_TOLERANCE), source.name() + ": " + report);
        return report;
    }
}
