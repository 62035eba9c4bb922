package io.hwnas.dl4j;

import io.hwnas.arch.Architecture;
import io.hwnas.data.DatasetSplit;
import io.hwnas.data.ImageDataset;
import io.hwnas.data.Permutations;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a candidate briefly on the training subset and measures accuracy and loss on the
 * validation subset. Initial weights and the data order both follow from the candidate's seed.
 */
public final class Trainer {

    /** DL4J's LossMCXENT clips probabilities at this before taking logs. */
    private static final double CLIP = 1e-10;

    private Trainer() {
    }

    public static TrainingOutcome trainAndEvaluate(Architecture arch, DatasetSplit data, TrainingSettings settings,
                                                   long seed) {
        return trainAndEvaluate(arch, data, settings, seed, Integer.MAX_VALUE);
    }

    /**
     * @param maxTrainSamples train on only the first this many images of the training subset (a
     *     lower fidelity); the subset is already a seeded random draw, so these are too
     */
    public static TrainingOutcome trainAndEvaluate(Architecture arch, DatasetSplit data, TrainingSettings settings,
                                                   long seed, int maxTrainSamples) {
        return trainAndEvaluate(GraphBuilder.build(arch, seed, settings.learningRate()), arch, data, settings, seed,
                maxTrainSamples);
    }

    /**
     * Continues training a graph already built from {@code arch} (e.g. initialised from other weights;
     * its updater and learning rate are the graph's own), then validates it; {@code settings.epochs() = 0}
     * only validates.
     */
    public static TrainingOutcome trainAndEvaluate(ComputationGraph graph, Architecture arch, DatasetSplit data,
                                                   TrainingSettings settings, long seed, int maxTrainSamples) {
        long start = System.nanoTime();
        long seen = train(graph, arch, data.train(), settings, seed, maxTrainSamples);
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        long evalStart = System.nanoTime();
        ImageDataset val = data.validation();
        Evaluation evaluation = new Evaluation(val.numClasses());
        double lossSum = 0;
        for (int from = 0; from < val.size(); from += settings.batchSize()) {
            TrainingInterruption.check();
            int to = Math.min(val.size(), from + settings.batchSize());
            DataSet batch = toDataSet(val, range(from, to), arch);
            // one forward pass gives both: graph.score(batch) would run the network a second time
            INDArray probabilities = graph.outputSingle(false, batch.getFeatures());
            evaluation.eval(batch.getLabels(), probabilities);
            lossSum += crossEntropySum(probabilities, val, from, to);
        }
        double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
        return TrainingOutcome.of(evaluation.accuracy(), lossSum / val.size(), trainSeconds, evalSeconds, seen, val.size());
    }

    /**
     * Trains {@code graph} for {@code settings.epochs()} epochs over the first {@code maxTrainSamples} images of
     * {@code train}, in the order {@link #epochOrders} gives for {@code seed}; returns the images seen.
     */
    public static long train(ComputationGraph graph, Architecture arch, ImageDataset train, TrainingSettings settings,
                             long seed, int maxTrainSamples) {
        long seen = 0;
        for (int[] order : epochOrders(Math.min(train.size(), maxTrainSamples), settings.epochs(), seed)) {
            for (int from = 0; from < order.length; from += settings.batchSize()) {
                TrainingInterruption.check();
                int to = Math.min(order.length, from + settings.batchSize());
                graph.fit(toDataSet(train, Arrays.copyOfRange(order, from, to), arch));
                seen += to - from;
            }
        }
        return seen;
    }

    /**
     * The order the training images are visited in, one permutation of 0..images-1 per epoch, all drawn from one
     * generator seeded with {@code seed}: what {@link #trainAndEvaluate} feeds, and what a peer framework must be
     * fed to see the same batches.
     */
    public static List<int[]> epochOrders(int images, int epochs, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<int[]> orders = new ArrayList<>(epochs);
        for (int epoch = 0; epoch < epochs; epoch++) {
            orders.add(Permutations.of(images, rng));
        }
        return orders;
    }

    /**
     * Σ −ln p(label) over samples from..to-1 of {@code dataset}, with probabilities clipped to [1e-10, 1] as DL4J's
     * MCXENT loss clips them, so the mean equals DL4J's score of the same batch.
     */
    private static double crossEntropySum(INDArray probabilities, ImageDataset dataset, int from, int to) {
        double[][] p = probabilities.toDoubleMatrix();
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum -= Math.log(Math.max(CLIP, p[i - from][dataset.label(i)]));
        }
        return sum;
    }

    /** Features scaled to [0, 1] in NCHW, labels one-hot: what every network here sees (training, proxies). */
    public static DataSet toDataSet(ImageDataset d, int[] samples, Architecture arch) {
        int pixels = d.pixelsPerImage();
        if (arch.input().channels() != 1 || arch.input().height() != d.rows() || arch.input().width() != d.cols()) {
            throw new IllegalArgumentException("architecture '" + arch.name() + "' expects input " + arch.input()
                    + " but the dataset has 1x" + d.rows() + "x" + d.cols() + " images");
        }
        float[] features = new float[samples.length * pixels];
        float[] labels = new float[samples.length * d.numClasses()];
        for (int i = 0; i < samples.length; i++) {
            byte[] image = d.image(samples[i]);
            for (int p = 0; p < pixels; p++) {
                features[i * pixels + p] = (image[p] & 0xFF) / 255f;
            }
            labels[i * d.numClasses() + d.label(samples[i])] = 1f;
        }
        return new DataSet(Nd4j.create(features, new long[] {samples.length, 1, d.rows(), d.cols()}),
                Nd4j.create(labels, new long[] {samples.length, d.numClasses()}));
    }

    private static int[] range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).toArray();
    }

}
