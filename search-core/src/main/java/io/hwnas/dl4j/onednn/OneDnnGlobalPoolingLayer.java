package io.hwnas.dl4j.onednn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.pooling.GlobalPoolingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.bytedeco.dnnl.global.dnnl.algorithm;

/**
 * The runtime of {@link OneDnnGlobalPooling} for image inputs; anything else (sequences, masks, p-norm) runs as
 * DL4J runs it.
 */
public class OneDnnGlobalPoolingLayer extends GlobalPoolingLayer {

    private static final int[] UNIT = {1, 1};
    private static final int[] NO_PADDING = {0, 0};
    /** Height and width of [n, c, h, w], what DL4J sets for image inputs. */
    private static final int[] SPATIAL = {2, 3};

    private final Map<Dims, PoolingKernel> kernels = new HashMap<>();

    public OneDnnGlobalPoolingLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaces) {
        assertInputSet(false);
        if (!handled(input)) {
            return super.activate(training, workspaces);
        }
        INDArray y = workspaces.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {input.size(0), input.size(1)}, 'c');
        kernelFor(input).forward(input, OneDnn.address(y), pooledDims(y), pooledStrides(y));
        return y;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaces) {
        assertInputSet(true);
        if (!handled(input) || epsilon.rank() != 2) {
            return super.backpropGradient(epsilon, workspaces);
        }
        INDArray dx = Layouts.create(workspaces, ArrayType.ACTIVATION_GRAD, input.shape());
        kernelFor(input).backward(OneDnn.address(epsilon), pooledDims(epsilon), pooledStrides(epsilon), dx);
        return new Pair<>(new DefaultGradient(), dx);
    }

    /** A [n, c] array seen as the [n, c, 1, 1] pooling output. */
    private static long[] pooledDims(INDArray nc) {
        return new long[] {nc.size(0), nc.size(1), 1, 1};
    }

    private static long[] pooledStrides(INDArray nc) {
        long[] s = nc.stride();
        return new long[] {s[0], s[1], s[1] * nc.size(1), s[1] * nc.size(1)};
    }

    private boolean handled(INDArray x) {
        var c = layerConf();
        int[] dims = c.getPoolingDimensions();
        return x.rank() == 4 && x.dataType() == DataType.FLOAT && maskArray == null && c.isCollapseDimensions()
                && (dims == null || Arrays.equals(dims, SPATIAL))
                && (c.getPoolingType() == PoolingType.AVG || c.getPoolingType() == PoolingType.MAX);
    }

    private PoolingKernel kernelFor(INDArray x) {
        return kernels.computeIfAbsent(new Dims(x.shape()), d -> new PoolingKernel(x.size(0), x.size(1),
                new WindowGeometry(x.size(2), x.size(3), new int[] {(int) x.size(2), (int) x.size(3)}, UNIT,
                        NO_PADDING, UNIT),
                layerConf().getPoolingType() == PoolingType.MAX ? algorithm.pooling_max : algorithm.pooling_avg));
    }
}
