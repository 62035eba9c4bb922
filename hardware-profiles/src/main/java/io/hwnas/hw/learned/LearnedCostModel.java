package io.hwnas.hw.learned;

import io.hwnas.arch.Architecture;
import io.hwnas.cost.CostModel;
import io.hwnas.cost.CostReport;
import io.hwnas.cost.LayerCost;
import io.hwnas.hw.ArenaMemory;
import io.hwnas.hw.DeviceProfile;
import io.hwnas.hw.NetworkWork;
import io.hwnas.hw.kernel.Kernel;
import io.hwnas.hw.kernel.KernelType;
import io.hwnas.hw.kernel.Kernels;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.RegressionModel;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * nn-Meter-style latency prediction: the network is split into the kernels the device runs ({@link Kernels}, by
 * its fusion rules), each kernel's latency predicted by its type's MLlib regressor (trained on log seconds), the
 * sum scaled and the per-inference overhead added. Prediction is a plain {@code predict(Vector)} on the loaded
 * trees: no SparkSession, so the model is used (and shipped to executors, Java-serialised) like any other.
 * Peak memory and the on-chip fit are the profile's ({@link ArenaMemory}: its tensor arena at its bytes per element).
 */
public final class LearnedCostModel implements CostModel {
    private static final long serialVersionUID = 1L;
    public static final String BOUND = "learned";

    private final String device;
    private final DeviceProfile profile;
    private final Kernels kernels;
    private final EnumMap<KernelType, RegressionModel<Vector, ?>> models;
    private final double overheadSeconds;
    private final double kernelScale;

    public LearnedCostModel(String device, DeviceProfile profile, Map<KernelType, RegressionModel<Vector, ?>> models,
                            double overheadSeconds, double kernelScale) {
        this.device = Objects.requireNonNull(device, "device");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.kernels = new Kernels(profile.fusion(), profile.activations());
        this.models = new EnumMap<>(KernelType.class);
        this.models.putAll(models);
        this.overheadSeconds = overheadSeconds;
        this.kernelScale = kernelScale;
    }

    @Override
    public String device() {
        return device;
    }

    public Kernels kernels() {
        return kernels;
    }

    /** One kernel's predicted latency, unscaled; its type must have a model. */
    public double predictKernel(Kernel kernel) {
        RegressionModel<Vector, ?> model = models.get(kernel.type());
        if (model == null) {
            throw new IllegalArgumentException("kernel '" + kernel.nodeIds().get(0) + "' is of type '" + kernel.type().id()
                    + "', which the predictor has no model for (it has " + models.keySet() + "); rebuild it on networks"
                    + " with such kernels");
        }
        return Math.exp(model.predict(Vectors.dense(kernel.features())));
    }

    @Override
    public CostReport estimate(Architecture architecture) {
        NetworkWork work = NetworkWork.of(Objects.requireNonNull(architecture, "architecture"));
        List<Kernel> found = kernels.detect(architecture, work);
        List<LayerCost> rows = new ArrayList<>(found.size());
        double total = overheadSeconds;
        for (Kernel k : found) {
            double seconds = kernelScale * predictKernel(k);
            String head = k.nodeIds().get(0);
            rows.add(new LayerCost(head, architecture.node(head).op(), seconds, seconds, 0, BOUND));
            total += seconds;
        }
        long peakBytes = ArenaMemory.peakBytes(profile, work);
        return new CostReport(device, total, peakBytes, profile.memory().fits(peakBytes), rows);
    }

    @Override
    public String toString() {
        return "LearnedCostModel[" + device + ", " + models.keySet() + "]";
    }
}
