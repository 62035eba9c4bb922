package io.hwnas.bench;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.cost.CostReport;
import io.hwnas.hw.AnalyticalCostModel;
import io.hwnas.space.ActNasSpace;
import io.hwnas.space.BaseNet;
import io.hwnas.space.Choice;
import io.hwnas.space.Dimension;
import io.hwnas.space.ImageInput;
import io.hwnas.space.RanESpace;
import io.hwnas.space.SearchSpace;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the restructuring spaces buy on a micro-NPU according to the analytical cost model (model
 * estimates, not measurements, and without accuracy): for MobileNetV2 and EfficientNet-Lite0 at
 * 224×224, RAN-e's collapsed blocks in the first k blocks and the per-block latency-optimal choice;
 * for ActNAS on an all-SiLU MobileNetV2, swapping SiLU for ReLU at the k sites where it costs most.
 * Usage: {@code scripts/study-restructuring [device ...]} (default ethos-u55-128 ethos-u65-256).
 */
public final class RestructuringStudy {
    private static final ImageInput IMAGENET = new ImageInput(3, 224, 224);

    private RestructuringStudy() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        List<String> devices = args.length > 0 ? List.of(args) : List.of("ethos-u55-128", "ethos-u65-256");
        for (String device : devices) {
            AnalyticalCostModel model = AnalyticalCostModel.forDevice(device);
            out.printf("%n=== %s (analytical model estimates) ===%n", device);
            for (String base : List.of("mobilenet_v2", "efficientnet_lite0")) {
                ranE(out, model, new RanESpace(base, IMAGENET, 1000, null, null));
            }
            actNas(out, model);
        }
    }

    private static void ranE(PrintStream out, AnalyticalCostModel model, RanESpace space) {
        out.printf("%nRAN-e on %s: %d blocks; options %s%n", space.base(), space.dimensions().size(),
                space.dimensions().get(1).options());
        header(out);
        Choice baseline = space.baseline();
        Row base = row(space, baseline, model);
        print(out, "baseline (all mbconv)", base, base);
        for (int k : new int[] {2, 4, 6, 8}) {
            Choice c = baseline;
            for (int i = 0; i < k; i++) {
                c = c.with(i, space.dimensions().get(i).options().indexOf("regular"));
            }
            print(out, "regular in the first " + k, row(space, c, model), base);
        }
        Choice best = bestPerDimension(space, baseline, model);
        print(out, "per-block fastest " + space.describe(best).values().stream()
                .filter(v -> !v.equals("mbconv")).count() + " changed", row(space, best, model), base);
        out.printf("  per-block fastest: %s%n", space.describe(best).values());
    }

    private static void actNas(PrintStream out, AnalyticalCostModel model) {
        ActNasSpace space = new ActNasSpace(BaseNet.reference("mobilenet_v2", IMAGENET, 1000),
                List.of(ActivationType.SILU, ActivationType.RELU, ActivationType.RELU6, ActivationType.HARD_SWISH,
                        ActivationType.LEAKY_RELU), ActivationType.SILU, null);
        out.printf("%nActNAS on MobileNetV2, %d activation sites, baseline all SiLU%n", space.dimensions().size());
        header(out);
        Choice silu = space.baseline();
        Row base = row(space, silu, model);
        print(out, "all silu (baseline)", base, base);
        // one layer at a time: the saving of SiLU -> ReLU at each site alone, biggest first
        int relu = space.dimensions().get(0).options().indexOf(ActivationType.RELU.id());
        List<Integer> sites = new ArrayList<>();
        List<Double> saved = new ArrayList<>();
        for (int i = 0; i < space.dimensions().size(); i++) {
            sites.add(i);
            saved.add(base.latencyMs - row(space, silu.with(i, relu), model).latencyMs);
        }
        sites.sort(Comparator.comparingDouble((Integer i) -> saved.get(i)).reversed());
        for (int k : new int[] {1, 3, 5, 10, space.dimensions().size()}) {
            Choice c = silu;
            for (int site : sites.subList(0, k)) {
                c = c.with(site, relu);
            }
            print(out, "relu at the " + k + " costliest sites", row(space, c, model), base);
        }
        Choice best = bestPerDimension(space, silu, model);
        print(out, "per-site fastest", row(space, best, model), base);
    }

    /** Each dimension set to its cheapest option with the others at the start point (costs are near-additive). */
    private static Choice bestPerDimension(SearchSpace space, Choice start, AnalyticalCostModel model) {
        Choice best = start;
        List<Dimension> dims = space.dimensions();
        for (int i = 0; i < dims.size(); i++) {
            double bestMs = Double.MAX_VALUE;
            int bestOption = start.gene(i);
            for (int o = 0; o < dims.get(i).size(); o++) {
                double ms = row(space, start.with(i, o), model).latencyMs;
                if (ms < bestMs - 1e-9) {
                    bestMs = ms;
                    bestOption = o;
                }
            }
            best = best.with(i, bestOption);
        }
        return best;
    }

    private record Row(long deployedMacs, double latencyMs, double fps, long peakMemory) {
    }

    private static Row row(SearchSpace space, Choice c, AnalyticalCostModel model) {
        Architecture deployed = space.deploy(c).architecture();
        CostReport r = model.estimate(deployed);
        return new Row(ArchitectureCounts.of(deployed).macs(), r.latencyMs(), r.fps(), r.peakMemoryBytes());
    }

    private static void header(PrintStream out) {
        out.printf("  %-34s %14s %11s %9s %8s %12s %9s%n", "candidate", "deployed MACs", "latency ms", "FPS",
                "FPS x", "peak memory", "memory x");
    }

    private static void print(PrintStream out, String label, Row r, Row base) {
        out.printf("  %-34s %,14d %11.2f %9.1f %8.2f %,12d %9.2f%n", label, r.deployedMacs, r.latencyMs, r.fps,
                r.fps / base.fps, r.peakMemory, (double) r.peakMemory / base.peakMemory);
    }
}
