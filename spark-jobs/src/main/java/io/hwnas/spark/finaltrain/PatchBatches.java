package io.hwnas.spark.finaltrain;

import io.hwnas.data.DataSettings;
import io.hwnas.dl4j.Nd4jThreads;
import io.hwnas.dl4j.SuperResolutionTrainer;
import io.hwnas.space.Seeds;
import io.hwnas.sr.LumaImage;
import io.hwnas.sr.SrDataset;
import io.hwnas.sr.SuperResolution;
import org.apache.spark.api.java.JavaRDD;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.nd4j.linalg.dataset.DataSet;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A super-resolution net's minibatches of one epoch, built on the executors: each executor loads the sweep's images
 * itself ({@link SrDataset#get}, once per JVM) and draws the epoch's {@code patches} random patch pairs the way a
 * sweep's training does, seeded by the member's seed and the epoch, so every executor cuts the same pairs.
 *
 * @param data the sweep's data settings, with the path every executor reads
 * @param seed the member's final-training seed
 * @param threads ND4J threads per task, so concurrent tasks on one executor share its cores
 */
public record PatchBatches(DataSettings data, SuperResolution task, int patches, long seed, int epoch, int batchSize,
                           int threads) implements Batches<DataSet> {
    private static final long serialVersionUID = 1L;

    /** Recent epochs' patch pairs per JVM: every minibatch of an epoch is cut from the same draw. */
    private static final Map<PatchBatches, List<LumaImage[]>> EPOCHS = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PatchBatches, List<LumaImage[]>> eldest) {
            return size() > 2;
        }
    };

    public PatchBatches {
        if (patches < 1) {
            throw new IllegalArgumentException("patches = " + patches + " must be >= 1");
        }
        Batches.requirePositive(batchSize, threads);
    }

    @Override
    public void fit(SparkComputationGraph net, JavaRDD<DataSet> epoch) {
        net.fit(epoch);
    }

    @Override
    public int count() {
        return (patches + batchSize - 1) / batchSize;
    }

    @Override
    public int samples() {
        return patches;
    }

    @Override
    public DataSet call(Integer batch) {
        if (batch < 0 || batch >= count()) {
            throw new IndexOutOfBoundsException("minibatch " + batch + " is outside [0, " + count() + ")");
        }
        Nd4jThreads.limit(threads);
        List<LumaImage[]> pairs = epochPairs();
        int from = batch * batchSize;
        return SuperResolutionTrainer.dataSet(pairs.subList(from, Math.min(pairs.size(), from + batchSize)));
    }

    private List<LumaImage[]> epochPairs() {
        synchronized (EPOCHS) {
            return EPOCHS.computeIfAbsent(this, k -> {
                SrDataset loaded = SrDataset.get(data, task.scale());
                return new SrDataset(loaded.train(), loaded.heldOut(), patches)
                        .patches(task, new SplittableRandom(Seeds.derive(seed, epoch, 0)));
            });
        }
    }
}
