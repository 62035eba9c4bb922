package io.hwnas.dl4j.onednn;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Activations and their gradients as DL4J sees them, [batch, channels, height, width], stored channels-last (NHWC)
 * the way oneDNN's fastest CPU convolutions want them, as PyTorch's {@code channels_last} memory format does. Every
 * other part of hwnas (shapes, parameters, flattening order, feature maps read by proxies) still sees NCHW.
 */
final class ChannelsLast {

    private ChannelsLast() {
    }

    /** An uninitialised [n, c, h, w] array in the given workspace, laid out n, h, w, c in memory. */
    static INDArray create(LayerWorkspaceMgr workspaces, ArrayType type, long[] nchw) {
        return workspaces.createUninitialized(type, DataType.FLOAT, new long[] {nchw[0], nchw[2], nchw[3], nchw[1]}, 'c')
                .permute(0, 3, 1, 2);
    }
}
