package io.hwnas.dl4j.onednn;

import org.bytedeco.dnnl.memory;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * The memory layout hwnas's oneDNN layers produce. Image tensors keep DL4J's logical shape [batch, channels,
 * height, width] but are stored channels-last (NHWC), the layout oneDNN's fastest CPU convolutions work in (as
 * PyTorch's {@code channels_last} memory format); flat tensors are row-major. Every other part of hwnas (shapes,
 * parameters, flattening order, feature maps read by proxies) still sees NCHW. Layers accept any layout and
 * reorder what is not canonical.
 */
final class Layouts {

    private Layouts() {
    }

    /** The canonical layout of a tensor with these logical dims. */
    static memory.desc canonical(long[] dims) {
        return OneDnn.desc(dims, switch (dims.length) {
            case 1 -> memory.format_tag.a;
            case 2 -> memory.format_tag.ab;
            case 4 -> memory.format_tag.nhwc;
            default -> throw new IllegalArgumentException("rank " + dims.length + " tensors are not supported");
        });
    }

    /** Whether {@code array} is laid out as {@link #create} lays out its shape. */
    static boolean isCanonical(INDArray array) {
        long[] shape = array.shape();
        long[] expected = shape.length == 4
                ? new long[] {shape[1] * shape[2] * shape[3], 1, shape[3] * shape[1], shape[1]}
                : rowMajor(shape);
        return Arrays.equals(array.stride(), expected);
    }

    /** The strides of a dense row-major ("c" order) tensor with these dims. */
    static long[] rowMajor(long[] dims) {
        long[] strides = new long[dims.length];
        long stride = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= dims[i];
        }
        return strides;
    }

    /** An uninitialised array in the given workspace with these logical dims, laid out canonically. */
    static INDArray create(LayerWorkspaceMgr workspaces, ArrayType type, long[] dims) {
        if (dims.length != 4) {
            return workspaces.createUninitialized(type, DataType.FLOAT, dims, 'c');
        }
        // the buffer alone, not an NHWC array permuted: each INDArray costs ND4J a native shape buffer and a
        // deallocator registration, which at ~100 arrays per training step is measurable
        try (MemoryWorkspace scope = workspaces.notifyScopeBorrowed(type)) {
            return ChannelsLastArray.over(Nd4j.createBuffer(DataType.FLOAT, dims[0] * dims[1] * dims[2] * dims[3], false),
                    dims);
        }
    }
}
