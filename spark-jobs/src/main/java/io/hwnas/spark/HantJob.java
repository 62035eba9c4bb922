package io.hwnas.spark;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.cost.CostModel;
import io.hwnas.data.DataSettings;
import io.hwnas.data.DatasetCache;
import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.dl4j.TrainingSettings;
import io.hwnas.hant.ChainNetwork;
import io.hwnas.hant.CostTable;
import io.hwnas.hant.DistillationResult;
import io.hwnas.hant.DistillationUnit;
import io.hwnas.hant.Distiller;
import io.hwnas.hant.FineTuneResult;
import io.hwnas.hant.FineTuneUnit;
import io.hwnas.hant.FineTuner;
import io.hwnas.hant.FrontPoint;
import io.hwnas.hant.Op;
import io.hwnas.hant.OpCost;
import io.hwnas.hant.StudentWeights;
import io.hwnas.hant.TeacherTrainer;
import io.hwnas.hant.TrainedTeacher;
import io.hwnas.hant.ilp.AssignmentProblem;
import io.hwnas.hant.ilp.BudgetSweep;
import io.hwnas.hant.ilp.Option;
import io.hwnas.hw.spec.CostModels;
import io.hwnas.space.Seeds;
import io.hwnas.spark.config.HantConfig;
import io.hwnas.spark.store.HantStore;
import io.hwnas.spark.store.RunDirectory;
import io.hwnas.spark.store.RunProvenance;
import io.hwnas.transform.Parameters;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HANT on Spark (algorithms.md §7): train the teacher (one task); distil every (layer, op) pair (one task
 * each); solve the integer program over the budget sweep (driver); fine-tune each distinct chosen net and the
 * teacher as a control (one task each); publish the run directory.
 */
public final class HantJob {
    private static final Logger LOG = LoggerFactory.getLogger(HantJob.class);
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    // seed streams of the phases, so a unit's seed depends only on (run seed, phase, unit)
    private static final int TEACHER_PHASE = 0;
    private static final int DISTILL_PHASE = 1;
    private static final int FINE_TUNE_PHASE = 3;

    /** A finished run: where it was written and what each phase produced. */
    public record Outcome(URI runDirectory, TrainedTeacher teacher, FineTuneResult teacherFineTuned, CostTable costs,
                          List<DistillationResult> distillation, List<FrontPoint> front, Map<String, Double> phaseSeconds) {
    }

    private HantJob() {
    }

    public static Outcome run(SparkSession spark, HantConfig config, String configSource, String configText) {
        Instant started = Instant.now();
        String runId = config.name() + "-" + RUN_TIME.format(started) + "-s" + config.seed();
        RunDirectory dir = RunDirectory.create(config.output(), runId, spark.sparkContext().hadoopConfiguration());
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            ChainNetwork network = new ChainNetwork(config.teacher());
            CostModel model = CostModels.resolve(config.device());
            CostTable costs = CostTable.of(network, config.alternatives(), model);
            LOG.info("hant {}: {} layers, teacher {} ms on {}, fastest possible {} ms", runId, network.slots().size(),
                    costs.teacherMs(), model.device(), costs.cheapestMs());
            Map<String, Double> seconds = new LinkedHashMap<>();

            long t0 = System.nanoTime();
            TrainedTeacher teacher = trainTeacher(jsc, network, config);
            seconds.put("teacher", elapsed(t0));
            LOG.info("phase 0: teacher accuracy {} after {} s", teacher.outcome().accuracy(), seconds.get("teacher"));

            long t1 = System.nanoTime();
            List<DistillationResult> distilled = distil(jsc, teacher, costs, config);
            seconds.put("distillation", elapsed(t1));
            LOG.info("phase 1: {} (layer, op) pairs distilled in {} s", distilled.size(), seconds.get("distillation"));

            long t2 = System.nanoTime();
            Problem problem = problem(costs, distilled);
            Map<Double, Double> budgets = layerBudgets(problem.ilp, costs, config);
            List<BudgetSweep.Point> points = BudgetSweep.sweep(problem.ilp, List.copyOf(budgets.keySet()));
            seconds.put("ilp", elapsed(t2));
            LOG.info("phase 2: {} budgets gave {} distinct nets in {} s", budgets.size(), points.size(), seconds.get("ilp"));

            long t3 = System.nanoTime();
            // net 0 is the teacher, the control; a budget that picks the teacher reuses its result
            Map<List<Op>, Integer> netIds = new LinkedHashMap<>();
            netIds.put(network.teacherOps(), 0);
            for (BudgetSweep.Point p : points) {
                netIds.putIfAbsent(problem.ops(p.assignment().choice()), netIds.size());
            }
            List<List<Op>> nets = List.copyOf(netIds.keySet());
            List<FineTuneResult> tuned = fineTune(jsc, teacher, distilled, nets, config);
            seconds.put("fineTuning", elapsed(t3));
            LOG.info("phase 3: {} nets fine-tuned in {} s", nets.size(), seconds.get("fineTuning"));

            FineTuneResult teacherTuned = tuned.get(0);
            List<FrontPoint> front = new ArrayList<>();
            for (BudgetSweep.Point p : points) {
                List<Op> ops = problem.ops(p.assignment().choice());
                front.add(frontPoint(network, model, costs, budgets.get(p.budget()), p, ops,
                        tuned.get(netIds.get(ops)), teacherTuned));
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("layers", (long) network.slots().size());
            counts.put("alternatives", (long) config.alternatives().alternatives().size());
            counts.put("distilled", distilled.stream().filter(DistillationResult::ok).count());
            counts.put("distillationFailed", distilled.stream().filter(r -> !r.ok()).count());
            counts.put("budgets", (long) budgets.size());
            counts.put("distinctNets", (long) points.size());
            seconds.forEach((phase, s) -> counts.put(phase + "Millis", Math.round(s * 1e3)));
            RunProvenance provenance = RunProvenance.of(spark.sparkContext(), runId, config.name(), config.seed(),
                    configSource, configText, config, started, problem.ilp.assignments() + " assignments", counts,
                    null, null);
            URI written = HantStore.write(dir, costs, teacher, teacherTuned, distilled, front, seconds, provenance);
            LOG.info("hant {} finished: {} nets on the front, results in {}", runId, front.size(), written);
            return new Outcome(written, teacher, teacherTuned, costs, distilled, front, seconds);
        } catch (RuntimeException e) {
            dir.abort();
            throw e;
        }
    }

    private static TrainedTeacher trainTeacher(JavaSparkContext jsc, ChainNetwork network, HantConfig config) {
        DataSettings data = config.data();
        TrainingSettings training = config.teacherTraining();
        long seed = Seeds.derive(config.seed(), TEACHER_PHASE, 0);
        int threads = config.execution().teacherThreads();
        return jsc.parallelize(List.of(0), 1).map(ignored -> {
            Nd4jThreads.limit(threads);
            return TeacherTrainer.train(network, DatasetCache.get(data), training, seed);
        }).collect().get(0);
    }

    /** One task per (layer, op), the most expensive first so the last tasks to start are short ones. */
    private static List<DistillationResult> distil(JavaSparkContext jsc, TrainedTeacher teacher, CostTable costs,
                                                   HantConfig config) {
        List<DistillationUnit> units = new ArrayList<>();
        Map<DistillationUnit, Long> work = new HashMap<>();
        for (List<OpCost> layer : costs.byLayer()) {
            for (int j = 0; j < layer.size(); j++) {
                OpCost c = layer.get(j);
                DistillationUnit u = new DistillationUnit(c.layer(), c.op(),
                        Seeds.derive(config.seed(), DISTILL_PHASE, c.layer() * 1000 + j));
                units.add(u);
                work.put(u, c.macs());
            }
        }
        units.sort(Comparator.comparingLong((DistillationUnit u) -> -work.get(u)));
        Broadcast<Distiller> distiller = jsc.broadcast(new Distiller(teacher.snapshot(), config.data(),
                config.distillation()));
        int threads = config.execution().threadsPerTask();
        List<DistillationResult> results = new ArrayList<>(jsc.parallelize(units, units.size()).map(u -> {
            Nd4jThreads.limit(threads);
            return distiller.value().distil(u);
        }).collect());
        distiller.destroy();
        results.sort(Comparator.comparingInt(DistillationResult::layer));
        return results;
    }

    /** The integer program over the pairs that distilled; maps its option indices back to ops. */
    private record Problem(AssignmentProblem ilp, List<List<Op>> ops) {
        List<Op> ops(int[] choice) {
            List<Op> out = new ArrayList<>();
            for (int i = 0; i < choice.length; i++) {
                out.add(ops.get(i).get(choice[i]));
            }
            return out;
        }
    }

    private static Problem problem(CostTable costs, List<DistillationResult> distilled) {
        Map<String, DistillationResult> byKey = new HashMap<>();
        distilled.forEach(r -> byKey.put(StudentWeights.key(r.layer(), r.op()), r));
        List<List<Option>> groups = new ArrayList<>();
        List<List<Op>> ops = new ArrayList<>();
        for (List<OpCost> layer : costs.byLayer()) {
            List<Option> options = new ArrayList<>();
            List<Op> layerOps = new ArrayList<>();
            for (OpCost c : layer) {
                DistillationResult r = byKey.get(StudentWeights.key(c.layer(), c.op()));
                if (r == null || !r.ok()) {
                    if (c == layer.get(0)) {
                        throw new IllegalStateException("layer " + c.layer() + ": distilling the teacher's own op "
                                + c.op() + " failed (" + (r == null ? "no result" : r.error()) + "); lower "
                                + "distillation.learningRate");
                    }
                    LOG.warn("layer {} op {} left out of the integer program: {}", c.layer(), c.op(),
                            r == null ? "no result" : r.error());
                    continue;
                }
                options.add(new Option(c.op().name(), r.score(), c.latencyMs()));
                layerOps.add(c.op());
            }
            groups.add(options);
            ops.add(layerOps);
        }
        return new Problem(new AssignmentProblem(groups), ops);
    }

    /**
     * The ILP's budgets (on the searchable layers' latency) mapped to the whole-net budgets they stand for. A
     * {@code steps} sweep spans the program's own range, which is the cost table's unless a pair failed to
     * distil; explicit budgets the failures made infeasible are skipped with a warning (the loader has already
     * checked them against the full table).
     */
    private static Map<Double, Double> layerBudgets(AssignmentProblem ilp, CostTable costs, HantConfig config) {
        Map<Double, Double> out = new LinkedHashMap<>();
        double teacherLayers = ilp.cost(new int[ilp.size()]);
        if (config.budgets().steps() != null) {
            for (double b : BudgetSweep.linear(ilp.minimumCost(), teacherLayers, config.budgets().steps())) {
                out.put(b, costs.fixedMs() + b);
            }
            return out;
        }
        List<Double> totals = config.budgets().resolve(costs.cheapestMs(), costs.teacherMs());
        for (int i = 0; i < totals.size(); i++) {
            double layer = totals.get(i) - costs.fixedMs();
            if (layer < ilp.minimumCost() && layer >= ilp.minimumCost() * (1 - 1e-9)) {
                layer = ilp.minimumCost(); // the subtraction's rounding, not a real shortfall
            }
            if (layer < ilp.minimumCost()) {
                LOG.warn("{} ({} ms) is infeasible with the pairs that distilled (fastest {} ms); skipped",
                        config.budgets().describe(i), totals.get(i), costs.fixedMs() + ilp.minimumCost());
                continue;
            }
            out.putIfAbsent(layer, totals.get(i));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no budget is feasible with the pairs that distilled");
        }
        return out;
    }

    /** One task per net; net 0 is the teacher, fine-tuned the same way as the control for accuracy drops. */
    private static List<FineTuneResult> fineTune(JavaSparkContext jsc, TrainedTeacher teacher,
                                                 List<DistillationResult> distilled, List<List<Op>> nets,
                                                 HantConfig config) {
        Map<String, Parameters> needed = new HashMap<>();
        for (DistillationResult r : distilled) {
            boolean used = r.ok() && nets.stream().anyMatch(n -> n.get(r.layer()).equals(r.op()));
            if (used) {
                needed.put(StudentWeights.key(r.layer(), r.op()), r.weights());
            }
        }
        List<FineTuneUnit> units = new ArrayList<>();
        for (int k = 0; k < nets.size(); k++) {
            // seeded by content, so the same net gets the same data order whatever else the sweep found
            units.add(new FineTuneUnit(k, nets.get(k), Seeds.derive(config.seed(), FINE_TUNE_PHASE,
                    String.join(";", nets.get(k).stream().map(Op::name).toList()).hashCode())));
        }
        Broadcast<FineTuner> tuner = jsc.broadcast(new FineTuner(teacher.snapshot(), needed, config.data(),
                config.fineTuning()));
        int threads = config.execution().threadsPerTask();
        List<FineTuneResult> results = new ArrayList<>(jsc.parallelize(units, units.size()).map(u -> {
            Nd4jThreads.limit(threads);
            return tuner.value().fineTune(u);
        }).collect());
        tuner.destroy();
        results.sort(Comparator.comparingInt(FineTuneResult::id));
        return results;
    }

    private static FrontPoint frontPoint(ChainNetwork network, CostModel model, CostTable costs, double budgetMs,
                                         BudgetSweep.Point p, List<Op> ops, FineTuneResult tuned,
                                         FineTuneResult teacher) {
        Architecture arch = network.assemble("front", ops);
        ArchitectureCounts counts = ArchitectureCounts.of(arch);
        double latency = model.estimate(arch).latencyMs();
        double predicted = costs.fixedMs() + p.assignment().cost();
        return new FrontPoint(budgetMs, ops, p.assignment().score(), predicted, latency,
                costs.teacherMs() / latency, tuned.accuracyBefore(), tuned.accuracy(),
                teacher.accuracy() - tuned.accuracy(), counts.macs(), counts.trainableParams(), tuned.trainSeconds());
    }

    private static double elapsed(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e7) / 100.0;
    }
}
