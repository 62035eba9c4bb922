package io.hwnas.spark.finaltrain;

import io.hwnas.arch.Architecture;
import io.hwnas.dl4j.DetectionDatasets;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.SuperResolutionTrainer;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.sr.Task;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.Optional;

/**
 * What final training and export need of a sweep's task: the graph a member trains as, each epoch's minibatches,
 * the test scores (the task's quality column first) and the test inputs a deployed model is compared on.
 * Classification reads a dataset's training and test files ({@link ClassificationImages}); super-resolution the
 * sweep's photographs, random patches to train and whole held-out images to score ({@link SuperResolutionImages});
 * detection composes training canvases on the executors and scores test canvases with mAP ({@link DetectionImages}).
 */
public interface FinalTrainingData {

    /**
     * The task's data at {@code dataPath}, loaded on the driver and checked.
     *
     * @param trainSamples samples per epoch, 0 for the task's default
     * @param testSamples images to score, 0 for all
     * @param option names {@code dataPath} in the one-line error, e.g. "option '--data'"
     * @throws ConfigException when the data cannot be read or has fewer images than asked for
     */
    static FinalTrainingData open(SweepConfig sweep, String dataPath, String option, int trainSamples,
                                  int testSamples) {
        if (sweep.task().isDetection()) {
            return DetectionImages.open(sweep, dataPath, option, trainSamples, testSamples);
        }
        return sweep.task().isSuperResolution()
                ? SuperResolutionImages.open(sweep, dataPath, option, trainSamples, testSamples)
                : ClassificationImages.open(sweep, dataPath, option, trainSamples, testSamples);
    }

    /**
     * A member's graph as {@code task} trains it, freshly initialised: a classifier, an image regression with the
     * task's loss, or a detector with a YOLO loss per prediction map.
     */
    static ComputationGraph build(Task task, Architecture arch, long seed, double learningRate) {
        if (task.isDetection()) {
            return GraphBuilder.buildDetection(arch, DetectionDatasets.head(arch), seed, learningRate);
        }
        return task.isSuperResolution() ? SuperResolutionTrainer.build(arch, task.superResolution(), seed, learningRate)
                : GraphBuilder.build(arch, seed, learningRate);
    }

    /** Images training draws from. */
    int trainImages();

    /** Images scoring draws from. */
    int testImages();

    /** Samples per epoch. */
    int trainSamples();

    /** Images scored. */
    int testSamples();

    /** Refuses a member whose net does not take this data's inputs. */
    void requireInput(Architecture arch, int candidateId);

    /** Epoch {@code epoch}'s minibatches for the member seeded {@code seed}. */
    Batches<?> epoch(Architecture arch, long seed, int epoch, int batchSize, int threads);

    /**
     * The test scores of a trained member, in the column order of final-training.csv: the task's quality column
     * first, {@code loss} last.
     */
    Map<String, Double> score(ComputationGraph trained, Architecture arch, ParameterAveraging cluster,
                              ParameterAveragingTrainingMaster master, int batchSize, int threads);

    /** Test inputs a deployed model is compared with the trained one on (NCHW). */
    INDArray checkInputs(Architecture arch);

    /** What {@link #checkInputs} are, for logs and the export manifest. */
    String checkedOn();

    /**
     * The images int8 quantisation is calibrated and scored on: a classifier's; empty for a task whose quality is
     * not top-1 accuracy (super-resolution, detection), which is not quantised.
     */
    default Optional<Int8Images> int8Images(Architecture arch) {
        return Optional.empty();
    }
}
