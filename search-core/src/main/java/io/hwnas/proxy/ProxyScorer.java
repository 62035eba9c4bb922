package io.hwnas.proxy;

import io.hwnas.arch.Activation;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.Node;
import io.hwnas.data.ImageDataset;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.Trainer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * Computes the configured proxies for one architecture on one seeded minibatch. Definitions, and
 * where they depart from the papers, are on {@link ProxyKind}; all four are higher-is-better
 * guesses of trained accuracy.
 */
public final class ProxyScorer {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyScorer.class);
    /** The graphs are never trained, but the builder wants an updater. */
    private static final double UNUSED_LEARNING_RATE = 1e-3;

    private ProxyScorer() {
    }

    /**
     * @param images the images the minibatch is drawn from (the training subset, never validation)
     * @param seed picks the minibatch and the initial weights, so a candidate's scores are reproducible
     * @return proxy name → score, one entry per configured proxy, in the configured order
     */
    public static Map<String, Double> score(Architecture arch, ImageDataset images, ProxySettings settings, long seed) {
        List<ProxyKind> kinds = settings.names().stream().map(ProxyKind::byName).toList();
        Map<ProxyKind, Double> scores = new EnumMap<>(ProxyKind.class);
        if (kinds.contains(ProxyKind.NASWOT) || kinds.contains(ProxyKind.GRAD_NORM)) {
            DataSet batch = Trainer.toDataSet(images, minibatch(images.size(), settings.batchSize(), seed), arch);
            // dropout is a training regulariser, not part of the architecture at initialisation, and
            // its masks come from ND4J's per-thread RNG, which would make grad_norm irreproducible
            ComputationGraph graph = GraphBuilder.build(arch.withoutDropout(), seed, UNUSED_LEARNING_RATE);
            // NASWOT first: grad_norm's training-mode pass moves the batch-norm running statistics
            // that NASWOT's inference-mode pass reads
            if (kinds.contains(ProxyKind.NASWOT)) {
                scores.put(ProxyKind.NASWOT, timed(ProxyKind.NASWOT, arch, () -> Naswot.score(graph, arch, batch.getFeatures())));
            }
            if (kinds.contains(ProxyKind.GRAD_NORM)) {
                scores.put(ProxyKind.GRAD_NORM, timed(ProxyKind.GRAD_NORM, arch, () -> GradNorm.score(graph, batch)));
            }
        }
        if (kinds.contains(ProxyKind.SYNFLOW)) {
            scores.put(ProxyKind.SYNFLOW, timed(ProxyKind.SYNFLOW, arch, () -> SynFlow.logScore(arch, seed)));
        }
        if (kinds.contains(ProxyKind.NONLINEAR_UNITS)) {
            scores.put(ProxyKind.NONLINEAR_UNITS, (double) nonlinearUnits(arch));
        }
        Map<String, Double> out = new LinkedHashMap<>();
        kinds.forEach(k -> out.put(k.id(), scores.get(k)));
        return out;
    }

    /**
     * Elements that pass through a non-linear activation in one forward pass at batch 1: the output
     * size of every activation node other than identity. Needs only the IR.
     */
    public static long nonlinearUnits(Architecture arch) {
        long units = 0;
        for (Node n : arch.nodes()) {
            if (n.layer() instanceof Activation a && a.function().isNonLinear()) {
                units += arch.shape(n.id()).elements();
            }
        }
        return units;
    }

    /**
     * {@code batchSize} distinct indices in [0, size), a seeded partial Fisher-Yates shuffle.
     * Distinct, because a repeated image gives NASWOT two identical codes and a singular kernel.
     */
    static int[] minibatch(int size, int batchSize, long seed) {
        if (batchSize > size) {
            throw new IllegalArgumentException("field 'proxies.batchSize' = " + batchSize + " exceeds the " + size
                    + " training images the minibatch is drawn from (allowed: at most " + size + ")");
        }
        int[] pool = new int[size];
        for (int i = 0; i < size; i++) {
            pool[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < batchSize; i++) {
            int j = rng.nextInt(i, size);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        return Arrays.copyOf(pool, batchSize);
    }

    private static double timed(ProxyKind kind, Architecture arch, DoubleSupplier proxy) {
        long start = System.nanoTime();
        double v = proxy.getAsDouble();
        if (Double.isNaN(v)) {
            // NaN is dropped from rank correlations and sorts arbitrarily as an objective: say so
            LOG.warn("{} of {} is NaN", kind.id(), arch.name());
        }
        LOG.debug("{} of {}: {} in {} ms", kind.id(), arch.name(), v, (System.nanoTime() - start) / 1_000_000);
        return v;
    }
}
