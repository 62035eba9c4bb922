package io.hwnas.hant;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.Shape;
import io.hwnas.data.DataSettings;
import io.hwnas.data.DatasetCache;
import io.hwnas.data.Permutations;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.transform.Dl4jParameters;
import io.hwnas.transform.Parameters;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * HANT phase 1 wherever it runs (algorithms.md §7): trains one alternative op, alone, to reproduce the
 * teacher's layer output from the teacher's layer input (feature-map distillation with MSE), and scores it
 * (see {@link DistillationResult}). Serializable so a Spark driver can ship it to executors once and send
 * them only {@link DistillationUnit}s.
 */
public final class Distiller implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(Distiller.class);
    private static final int EVAL_BATCH = 128;

    private final TeacherSnapshot teacher;
    private final DataSettings data;
    private final DistillationSettings settings;

    public Distiller(TeacherSnapshot teacher, DataSettings data, DistillationSettings settings) {
        if (teacher == null || data == null || settings == null) {
            throw new IllegalArgumentException("teacher, data and settings are required");
        }
        this.teacher = teacher;
        this.data = data;
        this.settings = settings;
    }

    public DistillationResult distil(DistillationUnit unit) {
        LayerSlot slot = teacher.network().slot(unit.layer());
        slot.misfit(unit.op()).ifPresent(reason -> {
            throw new IllegalArgumentException("layer " + unit.layer() + ": " + reason);
        });
        TeacherFeatures maps = TeacherFeatures.of(teacher, DatasetCache.get(data), settings);
        int layer = slot.index();
        INDArray valIn = maps.validation(layer);
        INDArray valOut = maps.validation(layer + 1);
        double variance = centredVariance(valOut, slot.output());
        if (!(variance > 0)) {
            throw new IllegalStateException("layer " + layer + ": the teacher's output is constant on the validation "
                    + "images (variance " + variance + "), so no op can be scored against it");
        }
        if (unit.op().kind() == OpKind.IDENTITY) {
            // nothing to train: the layer's input is passed on unchanged
            double mse = valIn.squaredDistance(valOut) / valOut.length();
            return new DistillationResult(layer, unit.op(), -mse / variance, mse, mse, variance, 0, 0,
                    Parameters.empty(), null);
        }
        Architecture alone = ChainNetwork.fragmentArchitecture(slot, unit.op());
        ComputationGraph graph = GraphBuilder.buildFeatureRegression(alone, unit.seed(), settings.learningRate());
        double initial = mse(graph, valIn, valOut, slot.input());
        long start = System.nanoTime();
        train(graph, maps.train(layer), maps.train(layer + 1), slot, unit.seed());
        double seconds = (System.nanoTime() - start) / 1e9;
        double mse = mse(graph, valIn, valOut, slot.input());
        if (!Double.isFinite(mse)) {
            LOG.warn("layer {} op {}: distillation diverged (validation MSE {})", layer, unit.op(), mse);
            return new DistillationResult(layer, unit.op(), Double.NaN, Double.NaN, initial, variance, settings.steps(),
                    seconds, Parameters.empty(), "validation MSE is " + mse + " after " + settings.steps() + " steps");
        }
        LOG.info("layer {} op {}: MSE {} -> {} (score {}) in {} s", layer, unit.op(), fmt(initial), fmt(mse),
                fmt(-mse / variance), Math.round(seconds * 10) / 10.0);
        return new DistillationResult(layer, unit.op(), -mse / variance, mse, initial, variance, settings.steps(), seconds,
                Dl4jParameters.read(alone, graph), null);
    }

    /** {@code settings.steps()} minibatches drawn by seeded per-epoch shuffles of the training images. */
    private void train(ComputationGraph graph, INDArray in, INDArray out, LayerSlot slot, long seed) {
        int n = settings.trainImages();
        int b = settings.batchSize();
        SplittableRandom rng = new SplittableRandom(seed);
        int[] order = Permutations.of(n, rng);
        int pos = 0;
        for (int step = 0; step < settings.steps(); step++) {
            if (pos + b > n) {
                order = Permutations.of(n, rng);
                pos = 0;
            }
            int[] rows = Arrays.copyOfRange(order, pos, pos + b);
            pos += b;
            graph.fit(new DataSet(image(in.getRows(rows), slot.input()), image(out.getRows(rows), slot.output())));
        }
    }

    /** Mean squared error of the graph's output against {@code target} over all images and elements. */
    static double mse(ComputationGraph graph, INDArray in, INDArray target, Shape inShape) {
        double sum = 0;
        long rows = in.rows();
        for (long from = 0; from < rows; from += EVAL_BATCH) {
            long to = Math.min(rows, from + EVAL_BATCH);
            INDArray x = image(in.get(NDArrayIndex.interval(from, to),
                    NDArrayIndex.all()), inShape);
            INDArray y = graph.outputSingle(false, x);
            INDArray t = target.get(NDArrayIndex.interval(from, to),
                    NDArrayIndex.all());
            sum += y.reshape('c', to - from, t.columns()).squaredDistance(t);
        }
        return sum / target.length();
    }

    /**
     * Mean squared deviation of the maps from their per-channel means: the MSE of the best op that ignores its
     * input, the scale {@link DistillationResult#score()} divides by.
     */
    static double centredVariance(INDArray maps, Shape shape) {
        int c = shape.channels();
        int hw = shape.height() * shape.width();
        float[] v = maps.dup('c').data().asFloat();
        int images = (int) maps.rows();
        double total = 0;
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            double sq = 0;
            for (int i = 0; i < images; i++) {
                int base = i * c * hw + ch * hw;
                for (int p = 0; p < hw; p++) {
                    double x = v[base + p];
                    sum += x;
                    sq += x * x;
                }
            }
            double count = (double) images * hw;
            double mean = sum / count;
            total += sq - count * mean * mean;
        }
        return total / ((double) images * c * hw);
    }

    private static INDArray image(INDArray rows, Shape shape) {
        return rows.reshape('c', rows.rows(), shape.channels(), shape.height(), shape.width());
    }

    private static String fmt(double v) {
        return String.format("%.4g", v);
    }
}
