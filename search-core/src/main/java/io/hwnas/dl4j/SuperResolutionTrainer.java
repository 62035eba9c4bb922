package io.hwnas.dl4j;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureException;
import io.hwnas.arch.Shape;
import io.hwnas.sr.ImageQuality;
import io.hwnas.sr.LumaImage;
import io.hwnas.sr.SrDataset;
import io.hwnas.sr.SrImage;
import io.hwnas.sr.SuperResolution;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a super-resolution candidate on random patch pairs and scores it on whole held-out images: PSNR and SSIM
 * of its clipped output on the Y channel with a border of {@code scale} pixels shaved, beside the bicubic baseline.
 * Initial weights, patch positions and order all follow from the candidate's seed.
 */
public final class SuperResolutionTrainer {

    private SuperResolutionTrainer() {
    }

    public static TrainingOutcome trainAndEvaluate(Architecture arch, SrDataset data, SuperResolution task,
                                                   TrainingSettings settings, long seed, int maxTrainSamples) {
        requireImageToImage(arch, task);
        ComputationGraph graph = build(arch, task, seed, settings.learningRate());
        long start = System.nanoTime();
        SplittableRandom rng = new SplittableRandom(seed);
        long seen = 0;
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            List<LumaImage[]> pairs = data.patches(task, rng);
            pairs = pairs.subList(0, Math.min(pairs.size(), maxTrainSamples));
            for (int from = 0; from < pairs.size(); from += settings.batchSize()) {
                TrainingInterruption.check();
                List<LumaImage[]> batch = pairs.subList(from, Math.min(pairs.size(), from + settings.batchSize()));
                graph.fit(dataSet(batch));
                seen += batch.size();
            }
        }
        return evaluate(graph, data, task, (System.nanoTime() - start) / 1e9, seen);
    }

    /**
     * Scores {@code graph} (built by {@link GraphBuilder#buildImageRegression}) on every held-out image, whole; the
     * training time and sample count are passed through to the outcome.
     */
    public static TrainingOutcome evaluate(ComputationGraph graph, SrDataset data, SuperResolution task,
                                           double trainSeconds, long seen) {
        long evalStart = System.nanoTime();
        double psnr = 0;
        double ssim = 0;
        double loss = 0;
        for (SrImage image : data.heldOut()) {
            TrainingInterruption.check();
            LumaImage out = upscale(graph, image.input(task.input()));
            LumaImage hr = image.highResolution();
            if (out.height() != hr.height() || out.width() != hr.width()) {
                throw new ArchitectureException("the network turns a " + image.input(task.input())
                        .height() + "x" + image.input(task.input()).width() + " input into " + out.height() + "x"
                        + out.width() + ", expected the " + hr.height() + "x" + hr.width() + " high-resolution image");
            }
            loss += meanLoss(out, hr, task.loss());
            LumaImage clipped = ImageQuality.clipped(out);
            psnr += ImageQuality.psnr(clipped, hr, task.scale());
            ssim += ImageQuality.ssim(clipped, hr, task.scale());
        }
        int n = data.heldOut().size();
        double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
        return TrainingOutcome.superResolution(psnr / n, ssim / n, data.bicubicPsnr(), loss / n, trainSeconds,
                evalSeconds, seen, n);
    }

    /**
     * Refuses a net that cannot map this task's input to its target: one channel in and out, and the output
     * {@code scale} times the input for low-resolution input, the input's size for bicubic-upscaled input.
     */
    public static void requireImageToImage(Architecture arch, SuperResolution task) {
        Shape out = arch.shape(arch.output().id());
        int expectedIn = task.inputPatchSize();
        if (arch.input().channels() != 1 || arch.input().height() != expectedIn || arch.input().width() != expectedIn) {
            throw new ArchitectureException("architecture '" + arch.name() + "' takes " + arch.input() + "; task "
                    + task.input().id() + " with patchSize " + task.patchSize() + " at x" + task.scale()
                    + " feeds 1x" + expectedIn + "x" + expectedIn);
        }
        if (!out.spatial() || out.channels() != 1 || out.height() != task.patchSize() || out.width() != task.patchSize()) {
            throw new ArchitectureException("architecture '" + arch.name() + "': the last node '" + arch.output().id()
                    + "' gives " + out + ", expected the 1x" + task.patchSize() + "x" + task.patchSize()
                    + " high-resolution patch");
        }
    }

    private static LumaImage upscale(ComputationGraph graph, LumaImage input) {
        INDArray in = Nd4j.create(input.pixels(), new long[] {1, 1, input.height(), input.width()});
        INDArray out = graph.outputSingle(false, in);
        return new LumaImage((int) out.size(2), (int) out.size(3), out.reshape(out.length()).toFloatVector());
    }

    private static double meanLoss(LumaImage out, LumaImage target, SuperResolution.Loss loss) {
        double sum = 0;
        for (int i = 0; i < out.pixels().length; i++) {
            double d = out.pixels()[i] - target.pixels()[i];
            sum += loss == SuperResolution.Loss.L1 ? Math.abs(d) : d * d;
        }
        return sum / out.pixels().length;
    }

    /** Patch pairs (network input, high-resolution target) as one minibatch: N×1×h×w inputs, N×1×H×W targets. */
    public static DataSet dataSet(List<LumaImage[]> pairs) {
        return new DataSet(stack(pairs, 0), stack(pairs, 1));
    }

    /**
     * The graph a super-resolution candidate trains: {@link GraphBuilder#buildImageRegression} with the task's loss.
     */
    public static ComputationGraph build(Architecture arch, SuperResolution task, long seed, double learningRate) {
        return GraphBuilder.buildImageRegression(arch, seed, learningRate,
                task.loss() == SuperResolution.Loss.L1 ? LossFunctions.LossFunction.L1 : LossFunctions.LossFunction.MSE);
    }

    /** Element {@code which} of every pair (0 the input, 1 the target) as one N×1×H×W batch. */
    private static INDArray stack(List<LumaImage[]> pairs, int which) {
        LumaImage first = pairs.get(0)[which];
        int pixels = first.height() * first.width();
        float[] all = new float[pairs.size() * pixels];
        for (int i = 0; i < pairs.size(); i++) {
            System.arraycopy(pairs.get(i)[which].pixels(), 0, all, i * pixels, pixels);
        }
        return Nd4j.create(all, new long[] {pairs.size(), 1, first.height(), first.width()});
    }
}
