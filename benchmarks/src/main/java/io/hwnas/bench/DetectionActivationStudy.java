package io.hwnas.bench;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.Shape;
import io.hwnas.arch.zoo.YoloDetector;
import io.hwnas.cost.CostModel;
import io.hwnas.cost.CostReport;
import io.hwnas.detection.DetectionDataSettings;
import io.hwnas.detection.DetectionDataset;
import io.hwnas.dl4j.DetectionCanvases;
import io.hwnas.dl4j.DetectionTrainer;
import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.dl4j.TrainingOutcome;
import io.hwnas.dl4j.TrainingSettings;
import io.hwnas.hw.spec.CostModels;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * ActNAS on the YOLO-style detector, at a training budget where the detector learns (issue 22): each activation
 * assignment of {@code yolo_pico_det} trains with several seeds on the same composed canvases; the study prints
 * mAP@0.5 and mAP@0.5:0.95 per seed with their mean and spread, and each device's modelled latency and peak memory
 * with the change from the all-SiLU baseline. The best assignment is the fastest one (on each device) whose mean
 * mAP@0.5 is no lower than the baseline's mean minus the larger of the two seed spreads.
 * Usage: {@code scripts/study-actnas-detection [--canvas 64] [--train 4000] [--validation 500] [--epochs 12]
 * [--lr 0.01] [--seeds 3] [--assignments silu,relu6,...] [--devices ethos-u55-128,...] [--threads 1]
 * [--curve]} ({@code --curve}: validation mAP after every epoch, a learning curve; {@code --seeds 0}: the costs only).
 */
public final class DetectionActivationStudy {

    /**
     * The assignments compared. Beyond one activation everywhere, the two mixes are ActNAS's kind of answer, ReLU6
     * (which an NPU clamps in the conv's output stage) on most sites and SiLU kept on some: on the two head convs
     * that feed the prediction maps ({@code relu6-but-heads}), or on the neck and heads ({@code relu6-backbone}).
     */
    private static final Map<String, Predicate<String>> RELU6_SITES = Map.of(
            "silu", site -> false,
            "relu6", site -> true,
            "relu6-backbone", site -> site.equals("stem") || site.startsWith("b"),
            "relu6-but-heads", site -> !site.startsWith("head"));
    private static final String BASELINE = "silu";
    private static final Map<String, ActivationType> UNIFORM = Map.of(
            "relu", ActivationType.RELU, "hard_swish", ActivationType.HARD_SWISH);

    private DetectionActivationStudy() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> a = BenchArgs.parse(args, Set.of("canvas", "train", "validation", "epochs", "lr",
                "seeds", "assignments", "devices", "threads", "batch", "curve"));
        boolean curve = a.containsKey("curve");
        int canvas = Integer.parseInt(a.getOrDefault("canvas", "64"));
        int train = Integer.parseInt(a.getOrDefault("train", "4000"));
        int validation = Integer.parseInt(a.getOrDefault("validation", "500"));
        TrainingSettings settings = new TrainingSettings(Integer.parseInt(a.getOrDefault("epochs", "12")),
                Integer.parseInt(a.getOrDefault("batch", "32")), Double.parseDouble(a.getOrDefault("lr", "0.01")));
        int seeds = Integer.parseInt(a.getOrDefault("seeds", "3"));
        List<String> names = Arrays.asList(a.getOrDefault("assignments", "silu,relu6,relu6-backbone,relu6-but-heads")
                .split(","));
        List<CostModel> devices = Arrays.stream(a.getOrDefault("devices", "ethos-u55-128,ethos-u65-256,host-cpu")
                .split(",")).map(CostModels::resolve).toList();
        Nd4jThreads.limit(Integer.parseInt(a.getOrDefault("threads", "1")));
        names.forEach(DetectionActivationStudy::assignment); // an unknown name fails before minutes of composing

        DetectionDataSettings d = DetectionDataSettings.defaults();
        DetectionCanvases data = DetectionCanvases.compose(DetectionDataset.load(new DetectionDataSettings(d.path(),
                canvas, d.minObjects(), d.maxObjects(), d.minObjectSize(), Math.min(d.maxObjectSize(), canvas / 2),
                d.maxCovered(), d.backgroundContrast(), d.validationItems(), d.seed())), train, validation);
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "yolo_pico_det on %dx%d canvases: %d training, %d validation; %d epochs, batch %d, "
                + "lr %s, seeds 1..%d%n%n", canvas, canvas, train, validation, settings.epochs(),
                settings.batchSize(), settings.learningRate(), seeds);

        Map<String, Row> rows = new LinkedHashMap<>();
        for (String name : names) {
            Architecture arch = assignment(name).build(Shape.image(1, canvas, canvas), data.classes());
            List<TrainingOutcome> outcomes = new ArrayList<>();
            for (int seed = 1; seed <= seeds; seed++) {
                String label = String.format(Locale.ROOT, "%-16s seed %d", name, seed);
                TrainingOutcome o = DetectionTrainer.trainAndEvaluate(arch, data, settings, seed, train,
                        (epoch, graph, head) -> {
                            if (curve && epoch < settings.epochs()) {
                                TrainingOutcome e = DetectionTrainer.evaluate(graph, head, data.validation(),
                                        settings.batchSize(), 0, 0);
                                out.printf(Locale.ROOT, "%s epoch %d: mAP50 %.4f  mAP50-95 %.4f  loss %.3f%n", label,
                                        epoch, e.map50(), e.map50to95(), e.loss());
                            }
                        });
                out.printf(Locale.ROOT, "%s: mAP50 %.4f  mAP50-95 %.4f  loss %.3f  (%.0f s of training)%n", label,
                        o.map50(), o.map50to95(), o.loss(), o.trainSeconds());
                outcomes.add(o);
            }
            rows.put(name, new Row(outcomes, devices.stream().map(m -> m.estimate(arch)).toList()));
        }
        Architecture baseline = assignment(BASELINE).build(Shape.image(1, canvas, canvas), data.classes());
        table(out, rows, devices.stream().map(m -> m.estimate(baseline)).toList(), devices);
    }

    private static YoloDetector assignment(String name) {
        YoloDetector base = new YoloDetector("yolo_pico_det", 0.125, 0.33, 2, ActivationType.SILU);
        if (UNIFORM.containsKey(name)) {
            return new YoloDetector(name, 0.125, 0.33, 2, UNIFORM.get(name));
        }
        Predicate<String> relu6 = RELU6_SITES.get(name);
        if (relu6 == null) {
            throw new IllegalArgumentException("hwnas: --assignments: " + name + " is not known; known: "
                    + RELU6_SITES.keySet() + " " + UNIFORM.keySet());
        }
        Map<String, ActivationType> overrides = new LinkedHashMap<>();
        base.sites().stream().filter(relu6).forEach(s -> overrides.put(s, ActivationType.RELU6));
        return base.withOverrides(name, overrides);
    }

    /**
     * The table; cost changes are against the baseline's costs, so assignments trained in separate runs (one
     * process each, to use more cores) compare with one another; the best-model lines need the baseline's mAP.
     */
    private static void table(PrintStream out, Map<String, Row> rows, List<CostReport> baseCosts,
                              List<CostModel> devices) {
        out.printf("%n| assignment | mAP@0.5 (mean ± sd) | mAP@0.5:0.95 |");
        devices.forEach(m -> out.printf(" %s latency | %s peak memory |", m.device(), m.device()));
        out.printf("%n|---|---|---|%s%n", "---|---|".repeat(devices.size()));
        rows.forEach((name, r) -> {
            out.printf(Locale.ROOT, "| %s | %.4f ± %.4f | %.4f ± %.4f |", name, r.mean(true), r.sd(true),
                    r.mean(false), r.sd(false));
            for (int i = 0; i < devices.size(); i++) {
                CostReport c = r.costs().get(i);
                CostReport b = baseCosts.get(i);
                out.printf(Locale.ROOT, " %.3f ms (%+.1f%%) | %,d B (%+.1f%%) |", c.latencyMs(),
                        100 * (c.latencyMs() / b.latencyMs() - 1), c.peakMemoryBytes(),
                        100 * ((double) c.peakMemoryBytes() / b.peakMemoryBytes() - 1));
            }
            out.println();
        });
        Row base = rows.get(BASELINE);
        for (int i = 0; base != null && !base.outcomes().isEmpty() && i < devices.size(); i++) {
            int device = i;
            String best = rows.entrySet().stream()
                    .filter(e -> e.getValue().mean(true) >= base.mean(true)
                            - Math.max(base.sd(true), e.getValue().sd(true)))
                    .min((x, y) -> Double.compare(x.getValue().costs().get(device).latencyMs(),
                            y.getValue().costs().get(device).latencyMs()))
                    .orElseThrow().getKey();
            out.printf("best on %s with mAP@0.5 no lower than the baseline's (within the seed spread): %s%n",
                    devices.get(i).device(), best);
        }
    }

    private record Row(List<TrainingOutcome> outcomes, List<CostReport> costs) {
        double mean(boolean map50) {
            return outcomes.stream().mapToDouble(o -> map50 ? o.map50() : o.map50to95()).average().orElse(Double.NaN);
        }

        /** Sample standard deviation over the seeds (0 for one seed). */
        double sd(boolean map50) {
            double m = mean(map50);
            double ss = outcomes.stream().mapToDouble(o -> map50 ? o.map50() : o.map50to95())
                    .map(v -> (v - m) * (v - m)).sum();
            return outcomes.size() > 1 ? Math.sqrt(ss / (outcomes.size() - 1)) : 0;
        }
    }
}
