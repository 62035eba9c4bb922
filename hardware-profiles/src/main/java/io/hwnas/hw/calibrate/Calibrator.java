package io.hwnas.hw.calibrate;

import io.hwnas.arch.ActivationType;
import io.hwnas.cost.CostReport;
import io.hwnas.cost.LayerCost;
import io.hwnas.hw.ActivationCosts;
import io.hwnas.hw.AnalyticalCostModel;
import io.hwnas.hw.Compute;
import io.hwnas.hw.DeviceProfile;
import io.hwnas.hw.DeviceProfileException;
import io.hwnas.hw.Memory;
import io.hwnas.hw.NodeWork;
import io.hwnas.hw.OpClass;
import io.hwnas.hw.Overheads;
import org.apache.commons.math3.analysis.MultivariateMatrixFunction;
import org.apache.commons.math3.analysis.MultivariateVectorFunction;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer.Optimum;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RRQRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Fits a profile's throughput factors to measured latencies (algorithms.md §8, "calibration").
 *
 * <p>The analytical model is linear in its unknowns once each layer's bound is fixed: a compute-bound layer
 * costs work × seconds-per-unit of its op class (or activation), a memory-bound one bytes / bandwidth, every
 * executed layer its group's fixed overhead, every inference the per-inference overhead. So the profile's own
 * estimate splits each measured net into features: the compute seconds it predicts per group, the memory
 * seconds of memory-bound layers, the executed-layer count per group and a constant; fallback activations are fixed
 * offsets. Non-negative least squares on relative error gives one correction factor per group (new
 * efficiency = old efficiency / factor; both bandwidths / the memory factor) and the overheads in seconds.
 *
 * <p>A prior that wrongly calls a layer memory-bound would hide its compute group from the fit, so the first
 * round treats every layer as compute-bound; later rounds re-derive the bounds under the fitted profile and
 * refit until they stop changing. The round that fits the measurements best is kept.
 *
 * <p>Groups the training nets never exercise, or that the others already explain, keep their prior values and
 * are listed as not identified. Efficiencies are fractions of peak, so one the fit would push above 1 is
 * clamped to 1 and listed: the profile's peak rate is too low for what was measured.
 */
public final class Calibrator {
    private static final Logger LOG = LoggerFactory.getLogger(Calibrator.class);
    private static final int MAX_ROUNDS = 6;
    private static final double JACOBIAN_STEP = 1e-6;
    /** Refinement moves each group by at most e^±LOG_RANGE from the linear fit. */
    private static final double LOG_RANGE = 5;
    /** A group the fit says is (nearly) free is capped at this speed-up over the prior, not made infinite. */
    private static final double MIN_FACTOR = 1e-3;
    /** Columns this close to the span of the others (relative, after unit scaling) count as dependent. */
    private static final double RANK_TOLERANCE = 1e-9;
    // the fitted fields, named by their paths in the profile (also their source keys)
    private static final String PER_INFERENCE = "overheads.perInferenceSeconds";
    private static final String LAYER_OVERHEAD = "overheads.layerGroupSeconds.";
    private static final String MEMORY = "memory.bandwidthBytesPerSecond";
    private static final String WEIGHT_MEMORY = "memory.weightBandwidthBytesPerSecond";
    private static final String EFFICIENCY = "compute.efficiency.";
    private static final String ACTIVATION_RATE = "activations.elementsPerCycle.";
    /** Column of the first layer-overhead group: after the constant and the memory column. */
    private static final int FIRST_OVERHEAD = 2;

    private final String sourceNote;

    /** @param sourceNote what was measured, recorded as the source of every calibrated field */
    public Calibrator(String sourceNote) {
        this.sourceNote = Objects.requireNonNull(sourceNote, "sourceNote");
    }

    public Calibration fit(DeviceProfile prior, List<Measurement> measurements) {
        if (measurements.size() < 3) {
            throw new IllegalArgumentException("calibration needs at least 3 measured architectures, got "
                    + measurements.size());
        }
        DeviceProfile current = prior;
        DeviceProfile best = null;
        double bestError = Double.POSITIVE_INFINITY;
        Features bestFeatures = null;
        List<String> previousBounds = null;
        int rounds = 0;
        while (rounds < MAX_ROUNDS) {
            Features f = features(current, measurements, rounds == 0);
            if (f.bounds.equals(previousBounds)) {
                break;
            }
            rounds++;
            previousBounds = f.bounds;
            double[] x = NonNegativeLeastSquares.solve(f.matrix, f.targets);
            Map<String, Double> factors = new LinkedHashMap<>();
            for (int j = 0; j < f.groups.size(); j++) {
                factors.put(f.groups.get(j), x[j]);
            }
            current = apply(current, factors);
            double error = squaredRelativeError(current, measurements);
            LOG.debug("calibration round {}: squared relative error {} {}", rounds, error, factors);
            if (error < bestError) {
                best = current;
                bestError = error;
                bestFeatures = f;
            }
        }
        DeviceProfile refined = refine(best, bestFeatures.groups, measurements);
        if (squaredRelativeError(refined, measurements) < bestError) {
            best = refined;
        }
        List<String> clamped = new ArrayList<>();
        for (String field : bestFeatures.groups) {
            if (field.startsWith(EFFICIENCY) && value(best, field) >= 1) {
                clamped.add(field);
            }
        }
        Map<String, double[]> changes = new LinkedHashMap<>();
        for (String field : bestFeatures.groups) {
            changes.put(field, new double[] {value(prior, field), value(best, field)});
        }
        PredictionAccuracy fit = PredictionAccuracy.of(new AnalyticalCostModel(best), measurements);
        LOG.info("calibrated {} on {} architectures ({} linear rounds + refinement): {}", prior.id(),
                measurements.size(), rounds, fit);
        return new Calibration(best, changes, bestFeatures.unused, clamped, rounds, fit);
    }

    /**
     * The linear rounds fix every layer's bound, and may settle where a layer sits on the wrong side of its
     * roofline. A Levenberg–Marquardt pass on the real (max-of-two) model over the log of each fitted group
     * moves across those kinks; it starts from the linear answer, so it only ever polishes it.
     */
    private DeviceProfile refine(DeviceProfile start, List<String> groups, List<Measurement> measurements) {
        int n = groups.size();
        MultivariateVectorFunction residuals = p -> {
            DeviceProfile candidate = scaled(start, groups, p);
            AnalyticalCostModel model = new AnalyticalCostModel(candidate);
            double[] r = new double[measurements.size()];
            for (int i = 0; i < r.length; i++) {
                Measurement m = measurements.get(i);
                r[i] = model.estimate(m.work()).latencySeconds() / m.latencySeconds() - 1;
            }
            return r;
        };
        MultivariateMatrixFunction jacobian = p -> {
            double[] base = residuals.value(p);
            double[][] j = new double[base.length][n];
            for (int k = 0; k < n; k++) {
                double[] q = p.clone();
                q[k] += JACOBIAN_STEP;
                double[] moved = residuals.value(q);
                for (int i = 0; i < base.length; i++) {
                    j[i][k] = (moved[i] - base[i]) / JACOBIAN_STEP;
                }
            }
            return j;
        };
        try {
            Optimum optimum = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                    .model(residuals, jacobian)
                    .target(new double[measurements.size()])
                    .start(new double[n])
                    .maxEvaluations(2000)
                    .maxIterations(500)
                    .build());
            return scaled(start, groups, optimum.getPoint().toArray());
        } catch (MathIllegalStateException | DeviceProfileException e) {
            LOG.debug("refinement stopped ({}); keeping the linear fit", e.getMessage());
            return start;
        }
    }

    /** {@code start} with every group's time multiplied by exp(p[k]) (overheads: the seconds themselves). */
    private DeviceProfile scaled(DeviceProfile start, List<String> groups, double[] p) {
        Map<String, Double> factors = new LinkedHashMap<>();
        for (int k = 0; k < groups.size(); k++) {
            String field = groups.get(k);
            double factor = Math.exp(Math.max(-LOG_RANGE, Math.min(LOG_RANGE, p[k])));
            boolean overhead = field.equals(PER_INFERENCE) || isLayerOverhead(field);
            // an overhead the linear fit set to 0 is refined from a nanosecond
            factors.put(field, overhead ? Math.max(value(start, field), 1e-9) * factor : factor);
        }
        return apply(start, factors);
    }

    private static double squaredRelativeError(DeviceProfile profile, List<Measurement> measurements) {
        AnalyticalCostModel model = new AnalyticalCostModel(profile);
        double sum = 0;
        for (Measurement m : measurements) {
            double r = model.estimate(m.work()).latencySeconds() / m.latencySeconds() - 1;
            sum += r * r;
        }
        return sum;
    }

    /** A fitted field's value in a profile. */
    private static double value(DeviceProfile p, String field) {
        if (field.equals(PER_INFERENCE)) {
            return p.overheads().perInferenceSeconds();
        }
        if (isLayerOverhead(field)) {
            return p.overheads().layerSeconds(field.substring(LAYER_OVERHEAD.length()));
        }
        if (field.equals(MEMORY)) {
            return p.memory().bandwidthBytesPerSecond();
        }
        if (field.startsWith(EFFICIENCY)) {
            return p.compute().efficiency(opClass(field));
        }
        return p.activations().elementsPerCycle(activation(field));
    }

    /** The design matrix for the current bounds: one row per measured net, one column per identifiable group. */
    private static Features features(DeviceProfile profile, List<Measurement> measurements, boolean allCompute) {
        AnalyticalCostModel model = new AnalyticalCostModel(profile);
        List<String> all = new ArrayList<>();
        all.add(PER_INFERENCE);
        all.add(MEMORY);
        for (String g : Overheads.LAYER_GROUPS) {
            all.add(LAYER_OVERHEAD + g);
        }
        for (OpClass c : OpClass.values()) {
            all.add(EFFICIENCY + c.id());
        }
        for (ActivationType t : ActivationType.values()) {
            if (t.isNonLinear()) {
                all.add(ACTIVATION_RATE + t.id());
            }
        }
        double[][] raw = new double[measurements.size()][all.size()];
        double[] targets = new double[measurements.size()];
        List<String> bounds = new ArrayList<>();
        for (int i = 0; i < measurements.size(); i++) {
            Measurement m = measurements.get(i);
            CostReport report = model.estimate(m.work());
            double offset = 0;
            raw[i][0] = 1;
            for (int n = 0; n < report.layers().size(); n++) {
                LayerCost row = report.layers().get(n);
                NodeWork node = m.work().nodes().get(n);
                String bound = allCompute && row.bound().equals(AnalyticalCostModel.MEMORY) && row.computeSeconds() > 0
                        ? AnalyticalCostModel.COMPUTE : row.bound();
                bounds.add(bound);
                switch (bound) {
                    case AnalyticalCostModel.FUSED -> {
                        continue;
                    }
                    case AnalyticalCostModel.COMPUTE -> raw[i][all.indexOf(group(node))] += row.computeSeconds();
                    case AnalyticalCostModel.MEMORY -> raw[i][1] += row.memorySeconds();
                    default -> offset += row.latencySeconds() - profile.overheads().layerSeconds("activation"); // fallback
                }
                raw[i][FIRST_OVERHEAD + Overheads.groupIndex(node)] += 1;
            }
            targets[i] = m.latencySeconds() - offset;
        }
        // a group the nets never exercise, or whose column the earlier ones already explain (e.g. the layer
        // count when every net has the same depth), cannot be fitted: it keeps its value and is reported
        List<String> used = new ArrayList<>();
        List<String> unused = new ArrayList<>();
        List<Integer> columns = new ArrayList<>();
        for (int j = 0; j < all.size(); j++) {
            columns.add(j);
            if (rank(raw, columns) < columns.size()) {
                columns.remove(columns.size() - 1);
                unused.add(all.get(j));
            } else {
                used.add(all.get(j));
            }
        }
        double[][] matrix = new double[raw.length][columns.size()];
        for (int i = 0; i < raw.length; i++) {
            // what the groups that keep their value take is known time, off the target
            for (int j = 0; j < all.size(); j++) {
                if (!columns.contains(j)) {
                    targets[i] -= j == 0 ? profile.overheads().perInferenceSeconds()
                            : isLayerOverhead(all.get(j)) ? raw[i][j] * value(profile, all.get(j)) : raw[i][j];
                }
            }
            // relative error: every row is divided by its measurement, so a 0.2 ms net counts like a 20 ms one
            double scale = 1 / measurements.get(i).latencySeconds();
            targets[i] *= scale;
            for (int j = 0; j < columns.size(); j++) {
                matrix[i][j] = raw[i][columns.get(j)] * scale;
            }
        }
        return new Features(used, unused, matrix, targets, bounds);
    }

    private static boolean isLayerOverhead(String field) {
        return field.startsWith(LAYER_OVERHEAD);
    }

    /** Numerical rank of the chosen columns, each scaled to unit length (rank-revealing QR). */
    private static int rank(double[][] raw, List<Integer> columns) {
        RealMatrix m = new Array2DRowRealMatrix(raw.length, columns.size());
        for (int k = 0; k < columns.size(); k++) {
            double norm = 0;
            for (double[] row : raw) {
                norm += row[columns.get(k)] * row[columns.get(k)];
            }
            if (norm == 0) {
                return k == columns.size() - 1 ? columns.size() - 1 : 0;
            }
            for (int r = 0; r < raw.length; r++) {
                m.setEntry(r, k, raw[r][columns.get(k)] / Math.sqrt(norm));
            }
        }
        return new RRQRDecomposition(m, RANK_TOLERANCE).getRank(RANK_TOLERANCE);
    }

    private static String group(NodeWork node) {
        return node.kind() == NodeWork.Kind.ACTIVATION ? ACTIVATION_RATE + node.activation().id()
                : EFFICIENCY + (node.kind() == NodeWork.Kind.BATCH_NORM ? OpClass.ELEMENTWISE : node.opClass()).id();
    }

    /** The profile with the fitted overheads and factors applied, each calibrated field re-sourced. */
    private DeviceProfile apply(DeviceProfile p, Map<String, Double> fitted) {
        String source = "calibrated: non-negative least squares on " + sourceNote;
        Overheads overheads = p.overheads();
        Memory memory = p.memory();
        Compute compute = p.compute();
        ActivationCosts activations = p.activations();
        Map<String, String> sources = new TreeMap<>(p.sources());
        for (Map.Entry<String, Double> e : fitted.entrySet()) {
            String field = e.getKey();
            double value = e.getValue();
            sources.put(field, source);
            if (field.equals(PER_INFERENCE)) {
                overheads = overheads.withPerInferenceSeconds(value);
            } else if (isLayerOverhead(field)) {
                overheads = overheads.withLayerGroupSeconds(field.substring(LAYER_OVERHEAD.length()), value);
            } else if (field.equals(MEMORY)) {
                double factor = Math.max(value, MIN_FACTOR);
                memory = memory.withBandwidths(memory.bandwidthBytesPerSecond() / factor,
                        memory.weightBandwidthBytesPerSecond() / factor);
                sources.put(WEIGHT_MEMORY, source);
            } else if (field.startsWith(EFFICIENCY)) {
                OpClass c = opClass(field);
                compute = compute.withEfficiency(c, Math.min(1, compute.efficiency(c) / Math.max(value, MIN_FACTOR)));
            } else {
                ActivationType t = activation(field);
                activations = activations.withElementsPerCycle(t, activations.elementsPerCycle(t) / Math.max(value, MIN_FACTOR));
            }
        }
        return new DeviceProfile(p.id(), p.description(), p.kind(), p.dataType(), compute, memory, overheads, p.fusion(),
                activations, sources);
    }

    private static OpClass opClass(String field) {
        return OpClass.fromId(field, field.substring(EFFICIENCY.length()));
    }

    private static ActivationType activation(String field) {
        return ActivationType.fromId(field.substring(ACTIVATION_RATE.length()));
    }

    private record Features(List<String> groups, List<String> unused, double[][] matrix, double[] targets,
                            List<String> bounds) {
    }
}
