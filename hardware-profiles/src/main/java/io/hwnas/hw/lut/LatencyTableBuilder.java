package io.hwnas.hw.lut;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Concat;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthToSpace;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.Flatten;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Layer;
import io.hwnas.arch.LayerNorm;
import io.hwnas.arch.Multiply;
import io.hwnas.arch.PRelu;
import io.hwnas.arch.Pool2d;
import io.hwnas.arch.Shape;
import io.hwnas.arch.Upsample;
import io.hwnas.hw.calibrate.CalibrationNetworks;
import io.hwnas.hw.measure.Dl4jLatency;
import io.hwnas.hw.measure.InferenceTimer;
import io.hwnas.space.ImageInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a latency table for this JVM's host by timing DL4J layers: every probe is a tiny network whose node
 * {@value #OP} is the op being measured, timed alone with {@link Dl4jLatency#node}. The table's inference
 * overhead is what whole-network timings of a few random nets exceed the sum of their nodes by (median).
 */
public final class LatencyTableBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(LatencyTableBuilder.class);
    static final String OP = "op";
    private static final int OVERHEAD_NETS = 5;

    private final InferenceTimer timer;
    private final long seed;

    public LatencyTableBuilder(InferenceTimer timer, long seed) {
        this.timer = timer;
        this.seed = seed;
    }

    public LatencyTable build(String device, LatencyGrid grid, Map<String, String> metadata) {
        List<Architecture> probes = probes(grid);
        List<LatencyEntry> entries = new ArrayList<>(probes.size());
        long start = System.nanoTime();
        for (Architecture probe : probes) {
            try (Dl4jLatency latency = new Dl4jLatency(probe, seed)) {
                entries.add(LatencyEntry.of(OpSignature.of(probe, probe.node(OP)), latency.node(OP, timer).median()));
            }
            if (entries.size() % 25 == 0 || entries.size() == probes.size()) {
                LOG.info("latency table: {}/{} ops timed ({} s)", entries.size(), probes.size(),
                        String.format("%.0f", (System.nanoTime() - start) * 1e-9));
            }
        }
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put("grid", grid.name());
        meta.put("timer", "warm-up " + timer.warmupRuns() + ", median of " + timer.runs());
        return new LatencyTable(device, meta, inferenceOverhead(), entries);
    }

    /** How much a whole inference takes beyond the sum of its nodes timed alone (median over a few nets, ≥ 0). */
    private double inferenceOverhead() {
        double[] excess = new double[OVERHEAD_NETS];
        List<Architecture> nets = CalibrationNetworks.sample(new ImageInput(1, 28, 28), 10, OVERHEAD_NETS, seed);
        for (int i = 0; i < nets.size(); i++) {
            try (Dl4jLatency latency = new Dl4jLatency(nets.get(i), seed)) {
                double whole = latency.network(timer).median();
                double parts = latency.perNode(timer).values().stream().mapToDouble(t -> t.median()).sum();
                excess[i] = whole - parts;
            }
        }
        Arrays.sort(excess);
        return Math.max(0, excess[excess.length / 2]);
    }

    /** One tiny network per grid point and op type. */
    static List<Architecture> probes(LatencyGrid g) {
        List<Architecture> probes = new ArrayList<>();
        for (int size : g.sizes()) {
            for (int in : g.channels()) {
                Shape image = Shape.image(in, size, size);
                for (int k : g.kernels()) {
                    for (int s : g.strides()) {
                        for (int out : g.channels()) {
                            probes.add(probe(image, Conv2d.same(out, k, s)));
                        }
                        if (k > 1) {
                            probes.add(probe(image, DepthwiseConv2d.same(k, s)));
                        }
                    }
                }
                probes.add(probe(image, BatchNorm.standard()));
                probes.add(probe(image, LayerNorm.standard()));
                for (ActivationType t : g.activations()) {
                    probes.add(probe(image, new Activation(t)));
                }
                if (size >= 2) {
                    probes.add(probe(image, Pool2d.max(2, 2, 0)));
                    probes.add(probe(image, Pool2d.avg(2, 2, 0)));
                }
                probes.add(probe(image, GlobalPool.avg()));
                probes.add(twoInput(image, new Add()));
                probes.add(twoInput(image, new Concat()));
                probes.add(twoInput(image, new Multiply()));
                probes.add(gated(image));
                probes.add(probe(image, new PRelu()));
                probes.add(probe(image, Upsample.nearest(2)));
                if (in % 4 == 0) {
                    probes.add(probe(image, new DepthToSpace(2)));
                }
                probes.add(probe(image, new Flatten()));
            }
        }
        for (int in : g.denseInputs()) {
            for (int out : g.denseOutputs()) {
                ArchitectureBuilder b = new ArchitectureBuilder("probe-dense-" + in + "-" + out, Shape.image(in, 1, 1));
                b.add("flat", new Flatten());
                b.add(OP, Dense.of(out));
                b.add("fc", Dense.of(2));
                probes.add(b.build());
            }
        }
        return probes;
    }

    private static Architecture probe(Shape image, Layer layer) {
        ArchitectureBuilder b = new ArchitectureBuilder("probe", image);
        b.add(OP, layer);
        finish(b, layer instanceof Flatten || layer instanceof GlobalPool);
        return b.build();
    }

    /** Squeeze-excite's multiply: the input times a per-channel gate computed from it. */
    private static Architecture gated(Shape image) {
        ArchitectureBuilder b = new ArchitectureBuilder("probe", image);
        b.add("gate", GlobalPool.avg());
        b.addFrom(OP, new Multiply(), "input", "gate");
        finish(b, false);
        return b.build();
    }

    /** Add and concat read the input and a copy of it (an identity activation, a vertex of its own). */
    private static Architecture twoInput(Shape image, Layer layer) {
        ArchitectureBuilder b = new ArchitectureBuilder("probe", image);
        b.add("copy", new Activation(ActivationType.IDENTITY));
        b.addFrom(OP, layer, "input", "copy");
        finish(b, false);
        return b.build();
    }

    private static void finish(ArchitectureBuilder b, boolean flat) {
        if (!flat) {
            b.add("gp", GlobalPool.avg());
        }
        b.add("fc", Dense.of(2));
    }
}
