package io.hwnas.eval;

import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.cost.CostModel;
import io.hwnas.data.DataSettings;
import io.hwnas.data.DatasetCache;
import io.hwnas.data.DatasetSplit;
import io.hwnas.dl4j.DetectionCanvases;
import io.hwnas.dl4j.DetectionDatasets;
import io.hwnas.dl4j.DetectionTrainer;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.SuperResolutionTrainer;
import io.hwnas.dl4j.Trainer;
import io.hwnas.dl4j.TrainingOutcome;
import io.hwnas.dl4j.TrainingSettings;
import io.hwnas.onnx.DeployedInt8;
import io.hwnas.proxy.ProxyScorer;
import io.hwnas.proxy.ProxySettings;
import io.hwnas.space.Seeds;
import io.hwnas.sr.SrDataset;
import io.hwnas.sr.Task;
import io.hwnas.transform.Collapse;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;

/**
 * The work done for one candidate wherever it runs: count its deployed form and ask every cost
 * model about it, score the training-time form with the configured proxies, then train it briefly
 * and validate it (unless training is off), {@code training.repeats} times with seeds derived from
 * its own: as a classifier, for super-resolution on its task's images (PSNR, SSIM, the bicubic
 * baseline), or as a detector on composed canvases (mAP@0.5, mAP@0.5:0.95). With {@link Quantization#INT8} a
 * trained classifier is also quantised and scored as it would ship ({@link DeployedInt8}). A candidate whose
 * proxies or training throw (out of memory, NaN loss, a net DL4J cannot build) becomes a
 * {@link Status#FAILED} result carrying the error; the sweep goes on.
 */
public final class CandidateEvaluator implements Serializable {
    private static final long serialVersionUID = 3L;
    /**
     * Training images the int8 activation ranges are calibrated on: the first of the training subset, itself a seeded
     * random draw. A few hundred settle the ranges; more only slow every candidate down.
     */
    public static final int INT8_CALIBRATION_IMAGES = 256;
    private static final Logger LOG = LoggerFactory.getLogger(CandidateEvaluator.class);

    private final DataSettings data;
    private final TrainingSettings training;
    private final ProxySettings proxies;
    private final List<CostModel> costModels;
    private final Task task;
    private final Quantization quantization;

    /** A classification evaluator. */
    public CandidateEvaluator(DataSettings data, TrainingSettings training, ProxySettings proxies,
                              List<CostModel> costModels) {
        this(data, training, proxies, costModels, Task.CLASSIFICATION);
    }

    /** @param task what candidates are trained for; only classification takes proxies (they score classifiers) */
    public CandidateEvaluator(DataSettings data, TrainingSettings training, ProxySettings proxies,
                              List<CostModel> costModels, Task task) {
        this(data, training, proxies, costModels, task, Quantization.NONE);
    }

    /** @param quantization {@link Quantization#INT8} scores trained classifiers as int8 too */
    public CandidateEvaluator(DataSettings data, TrainingSettings training, ProxySettings proxies,
                              List<CostModel> costModels, Task task, Quantization quantization) {
        if (quantization.isInt8() && !task.isClassification()) {
            throw new IllegalArgumentException("field 'quantization' = 'int8' scores classifiers' top-1 accuracy; a "
                    + task.type() + " task takes none");
        }
        if (!task.isClassification() && !proxies.isEmpty()) {
            throw new IllegalArgumentException("field 'proxies' = " + proxies.names()
                    + " score classifiers; a " + task.type() + " task takes none");
        }
        this.task = task;
        this.quantization = quantization;
        this.data = data;
        this.training = training;
        this.proxies = proxies;
        this.costModels = List.copyOf(costModels);
    }

    public EvaluationResult evaluate(Candidate c) {
        if (c.architecture() == null) {
            throw new IllegalArgumentException("candidate " + c.id() + " is a tabular point without a network; "
                    + "evaluate it with a TabularEvaluator");
        }
        ArchitectureCounts counts = ArchitectureCounts.of(c.deployed());
        ArchitectureCounts trainingCounts = ArchitectureCounts.of(c.architecture());
        List<DeviceCost> devices = costModels.stream().map(m -> DeviceCost.of(m.estimate(c.deployed()))).toList();
        Status status = Status.OK;
        String error = null;
        TrainingOutcome outcome = TrainingOutcome.none();
        Map<String, Double> scores = Map.of();
        double accuracyInt8 = Double.NaN;
        try {
            TrainingSettings settings = c.fidelity() == null ? training : training.withEpochs(c.fidelity().epochs());
            if (task.isSuperResolution()) {
                if (settings.trains()) {
                    SrDataset images = SrDataset.get(data, task.superResolution().scale());
                    outcome = repeated(c, settings, (seed, samples) -> SuperResolutionTrainer.trainAndEvaluate(
                            c.architecture(), images, task.superResolution(), settings, seed, samples));
                }
            } else if (task.isDetection()) {
                if (settings.trains()) {
                    DetectionCanvases canvases = DetectionDatasets.get(data, task.detection());
                    outcome = repeated(c, settings, (seed, samples) -> DetectionTrainer.trainAndEvaluate(
                            c.architecture(), canvases, settings, seed, samples));
                }
            } else {
                // cost-only evaluation (tabular tables, estimates) must not need the dataset
                DatasetSplit split = proxies.isEmpty() && !settings.trains() ? null : DatasetCache.get(data);
                if (!proxies.isEmpty()) {
                    scores = ProxyScorer.score(c.architecture(), split.train(), proxies, c.seed());
                }
                if (settings.trains()) {
                    List<Double> int8 = new ArrayList<>();
                    outcome = repeated(c, settings, (seed, samples) -> {
                        ComputationGraph graph = GraphBuilder.build(c.architecture(), seed, settings.learningRate());
                        TrainingOutcome trained = Trainer.trainAndEvaluate(graph, c.architecture(), split, settings,
                                seed, samples);
                        if (quantization.isInt8()) {
                            int8.add(int8Accuracy(c, graph, split, seed));
                        }
                        return trained;
                    });
                    accuracyInt8 = int8.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                }
            }
            if (settings.trains() && !Double.isFinite(outcome.loss())) {
                status = Status.FAILED;
                error = "validation loss is " + outcome.loss();
            }
        } catch (CancellationException e) {
            throw e; // stopped from outside (a time limit): the one who stopped it records why
        } catch (RuntimeException | OutOfMemoryError e) {
            LOG.warn("candidate {} failed: {}", c.id(), e.toString());
            status = Status.FAILED;
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return new EvaluationResult(c.id(), c.generation(), c.fingerprint(), c.description(), status,
                error, outcome.accuracy(), outcome.accuracySe(), outcome.loss(), counts.macs(),
                counts.trainableParams(), counts.stateParams(), counts.peakActivationElements(), devices,
                trainingCounts.macs(), trainingCounts.trainableParams(), outcome.trainSeconds(), outcome.evalSeconds(),
                outcome.trainSamples(), outcome.trainSamplesPerSecond(),
                c.seed(), hostName() + "/" + ProcessHandle.current().pid(), scores, outcome.psnr(), outcome.ssim(),
                outcome.psnrBicubic(), outcome.map50(), outcome.map50to95(), outcome.testBoxes(), accuracyInt8);
    }

    /**
     * The int8 top-1 accuracy of {@code trained}'s deployed form on the validation images fp32 accuracy is measured
     * on. The executor has no space, so the deployed form is {@link Collapse#deployment()}'s: the same function as
     * the candidate's, and the same net as its deployed form for every space without targeted merges of its own.
     */
    private static double int8Accuracy(Candidate c, ComputationGraph trained, DatasetSplit split, long seed) {
        int calibrationImages = Math.min(INT8_CALIBRATION_IMAGES, split.train().size());
        INDArray calibration = Trainer.toDataSet(split.train(), IntStream.range(0, calibrationImages).toArray(),
                c.architecture()).getFeatures();
        INDArray validation = Trainer.toDataSet(split.validation(),
                IntStream.range(0, split.validation().size()).toArray(), c.architecture()).getFeatures();
        return DeployedInt8.accuracy(c.architecture(), trained, Collapse.deployment().apply(c.architecture()), seed,
                calibration, validation, split.validation().labels());
    }

    /** What one training of a candidate measures, given its seed and how many training samples it may use. */
    private interface Training {
        TrainingOutcome run(long seed, int samples);
    }

    /** {@code settings.repeats()} trainings, each with its own seed derived from the candidate's, averaged. */
    private static TrainingOutcome repeated(Candidate c, TrainingSettings settings, Training training) {
        int samples = c.fidelity() == null ? Integer.MAX_VALUE : c.fidelity().trainSamples();
        List<TrainingOutcome> repeats = new ArrayList<>(settings.repeats());
        for (int r = 0; r < settings.repeats(); r++) {
            repeats.add(training.run(Seeds.repeat(c.seed(), r), samples));
        }
        return TrainingOutcome.mean(repeats);
    }

    /** This machine's name, for provenance; never fails. */
    public static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
