package io.hwnas.dl4j.onednn;

import org.deeplearning4j.exception.DL4JInvalidInputException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.BETA;
import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.GAMMA;
import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.GLOBAL_MEAN;
import static org.deeplearning4j.nn.params.BatchNormalizationParamInitializer.GLOBAL_VAR;

/**
 * The runtime of {@link OneDnnBatchNormalization}. The running statistics move the way DL4J moves them, as a
 * "gradient" (stat − batch stat)·(1 − decay) that the no-op updater subtracts, so parameter averaging across
 * Spark workers treats them like every other parameter.
 */
public class OneDnnBatchNormalizationLayer extends BatchNormalization {

    private final Map<Dims, BatchNormKernel> kernels = new HashMap<>();
    private final Address floats = new Address();

    public OneDnnBatchNormalizationLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaces) {
        assertInputSet(false);
        BatchNormKernel kernel = kernelFor(input);
        INDArray y = Layouts.create(workspaces, ArrayType.ACTIVATIONS, input.shape());
        long gammaBeta = OneDnn.adjacent(getParam(GAMMA), getParam(BETA));
        if (training) {
            kernel.forwardTraining(input, gammaBeta, y);
        } else {
            kernel.forwardInference(input, gammaBeta, OneDnn.address(getParam(GLOBAL_MEAN)),
                    OneDnn.address(getParam(GLOBAL_VAR)), y);
        }
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaces) {
        assertInputSet(true);
        BatchNormKernel kernel = kernelFor(input);
        INDArray dx = Layouts.create(workspaces, ArrayType.ACTIVATION_GRAD, input.shape());
        INDArray dGamma = gradientViews.get(GAMMA);
        INDArray dBeta = gradientViews.get(BETA);
        kernel.backward(input, OneDnn.adjacent(getParam(GAMMA), getParam(BETA)), epsilon, dx,
                OneDnn.adjacent(dGamma, dBeta));
        INDArray dMean = gradientViews.get(GLOBAL_MEAN);
        INDArray dVar = gradientViews.get(GLOBAL_VAR);
        runningStatisticUpdate(getParam(GLOBAL_MEAN), kernel.batchMeanAddress(), dMean, kernel.channels());
        runningStatisticUpdate(getParam(GLOBAL_VAR), kernel.batchVarianceAddress(), dVar, kernel.channels());
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(GAMMA, dGamma);
        gradient.setGradientFor(BETA, dBeta);
        gradient.setGradientFor(GLOBAL_MEAN, dMean);
        gradient.setGradientFor(GLOBAL_VAR, dVar);
        return new Pair<>(gradient, dx);
    }

    /** update = (running − batch)·(1 − decay), so running − update = decay·running + (1 − decay)·batch. */
    private void runningStatisticUpdate(INDArray running, long batchAddress, INDArray update, long channels) {
        float[] stat = new float[(int) channels];
        float[] batch = new float[(int) channels];
        floats.read(OneDnn.address(running), stat);
        floats.read(batchAddress, batch);
        float rate = (float) (1 - layerConf().getDecay());
        for (int c = 0; c < stat.length; c++) {
            stat[c] = (stat[c] - batch[c]) * rate;
        }
        floats.write(stat, OneDnn.address(update));
    }

    private BatchNormKernel kernelFor(INDArray x) {
        if ((x.rank() != 2 && x.rank() != 4) || x.size(1) != layerConf().getNOut()) {
            throw new DL4JInvalidInputException("layer '" + layerConf().getLayerName() + "': input "
                    + Arrays.toString(x.shape()) + ", expected [batch, " + layerConf().getNOut() + "(, height, width)]");
        }
        OneDnn.requireFloat(x);
        return kernels.computeIfAbsent(new Dims(x.shape()), d -> new BatchNormKernel(d.values(), layerConf().getEps()));
    }
}
