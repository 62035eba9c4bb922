package io.hwnas.spark.cli;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.cost.CostModel;
import io.hwnas.cost.CostReport;
import io.hwnas.cost.LayerCost;
import io.hwnas.hw.AnalyticalCostModel;
import io.hwnas.hw.spec.CostModels;
import io.hwnas.hw.DeviceProfileException;
import io.hwnas.hw.Precision;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.transform.Collapse;
import io.hwnas.transform.CollapseResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "estimate", mixinStandardHelpOptions = true,
        description = "Print a per-layer cost table and the totals (latency, FPS, peak memory) of an architecture "
                + "on one or more devices.")
final class EstimateCommand implements Callable<Integer> {

    /**
     * One device's estimate of one network. As in results.csv, {@code nodes}, {@code macs} and
     * {@code trainableParams} count the form that was estimated (the deployed one with {@code --deploy}),
     * {@code training*} the network as given.
     *
     * @param rewriteCount the exact rewrites that made the deployed form; 0 without {@code --deploy}
     * @param layers per node, in execution order; empty with {@code --totals-only}
     */
    @OutputRow
    record EstimateRow(String network, int trainingNodes, long trainingMacs, long trainingParams, boolean deployed,
                       int rewriteCount, int nodes, long macs, long trainableParams, String device, double latencyMs,
                       double fps, long peakMemoryBytes, boolean fitsOnChip, List<LayerRow> layers) {
        EstimateRow {
            layers = List.copyOf(layers);
        }
    }

    /** @param bound what limits the node: compute, memory, fused or fallback */
    @OutputRow
    record LayerRow(String node, String op, double latencyUs, double computeUs, double memoryUs, String bound) {
        static LayerRow of(LayerCost c) {
            return new LayerRow(c.nodeId(), c.op(), c.latencySeconds() * 1e6, c.computeSeconds() * 1e6,
                    c.memorySeconds() * 1e6, c.bound());
        }
    }

    @Mixin
    ArchitectureSource source;

    @Mixin
    FormatOption format;

    @Option(names = {"-d", "--device"}, required = true, paramLabel = "DEVICE",
            description = "device id, profile YAML, 'measured', 'onnxruntime-cpu', 'lut:FILE' or 'learned:DIR'; repeat for "
                    + "several (see 'hwnas devices')")
    List<String> devices;

    @Option(names = "--data-type", paramLabel = "TYPE",
            description = "run profile-based devices at this precision (int8, int16, fp16, fp32) instead of their default")
    String dataType;

    @Option(names = "--deploy", description = "estimate the deployed form: the net after every exact collapse that "
            + "does not raise MACs (batch-norm folding, linear blocks, branch merges)")
    boolean deploy;

    @Option(names = "--totals-only", description = "leave out the per-layer table (the 'layers' field of json and csv)")
    boolean totalsOnly;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Architecture arch = source.load();
        ArchitectureCounts counts = ArchitectureCounts.of(arch);
        CollapseResult deployed = deploy ? Collapse.deployment().apply(arch) : null;
        Architecture estimated = deploy ? deployed.architecture() : arch;
        ArchitectureCounts estimatedCounts = ArchitectureCounts.of(estimated);
        // every estimate first: bad input is refused before anything is printed
        List<EstimateRow> rows = new ArrayList<>();
        for (String device : devices) {
            CostReport r;
            try {
                r = model(device).estimate(estimated);
            } catch (IllegalArgumentException e) {
                // e.g. a latency table without this architecture's ops
                throw new ConfigException("device '" + device + "': " + e.getMessage(), e);
            }
            rows.add(new EstimateRow(arch.name(), arch.nodes().size(), counts.macs(), counts.trainableParams(), deploy,
                    deploy ? deployed.applied().size() : 0, estimated.nodes().size(), estimatedCounts.macs(),
                    estimatedCounts.trainableParams(), r.device(), r.latencyMs(), r.fps(), r.peakMemoryBytes(),
                    r.fitsOnChip(), totalsOnly ? List.of() : r.layers().stream().map(LayerRow::of).toList()));
        }
        format.print(spec.commandLine().getOut(), EstimateRow.class, rows, this::printText);
        return 0;
    }

    private void printText(PrintWriter out, List<EstimateRow> rows) {
        EstimateRow net = rows.get(0);
        out.printf("%s: %d nodes, %,d MACs, %,d parameters%n", net.network(), net.trainingNodes(), net.trainingMacs(),
                net.trainingParams());
        if (net.deployed()) {
            out.printf("deployed (%d rewrites): %d nodes, %,d MACs, %,d parameters%n", net.rewriteCount(), net.nodes(),
                    net.macs(), net.trainableParams());
        }
        for (EstimateRow r : rows) {
            out.printf("%ndevice %s%n", r.device());
            if (!totalsOnly) {
                out.printf("  %-28s %-17s %12s %12s %12s  %s%n", "node", "op", "latency µs", "compute µs", "memory µs",
                        "bound");
                for (LayerRow c : r.layers()) {
                    out.printf("  %-28s %-17s %12.2f %12.2f %12.2f  %s%n", c.node(), c.op(), c.latencyUs(),
                            c.computeUs(), c.memoryUs(), c.bound());
                }
            }
            out.printf("  total: %.3f ms, %.1f FPS, peak memory %,d bytes%s%n", r.latencyMs(), r.fps(),
                    r.peakMemoryBytes(), r.fitsOnChip() ? "" : " (does NOT fit on chip)");
        }
    }

    private CostModel model(String device) {
        try {
            CostModel m = CostModels.resolve(device);
            if (dataType == null) {
                return m;
            }
            if (!(m instanceof AnalyticalCostModel a)) {
                throw new ConfigException("option '--data-type' applies to profile devices only, not '" + device + "'");
            }
            return new AnalyticalCostModel(a.profile().withDataType(Precision.fromId("--data-type", dataType)));
        } catch (DeviceProfileException e) {
            throw new ConfigException("option '--device' = '" + device + "': " + e.getMessage(), e);
        }
    }
}
