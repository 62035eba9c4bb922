package io.hwnas.dl4j.onednn;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cpu.nativecpu.NDArray;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A [n, c, h, w] array stored channels-last, as {@link Layouts#create} makes them, whose in-place {@code addi}
 * of an equally laid out array runs as one oneDNN binary add. DL4J sums the gradients of a tensor used by two
 * layers (every residual connection) with {@code addi}, and ND4J's add walks such strided arrays element by element
 * with index arithmetic: 1.2 ms instead of 0.07 ms for a 32×8×28×28 tensor, 20% of a ResNet-18 mini's batch.
 */
final class ChannelsLastArray extends NDArray {

    /** Per thread: the add kernels are stateful and graphs on different threads may share shapes. */
    private static final ThreadLocal<Map<Dims, AddKernel>> ADDERS = ThreadLocal.withInitial(HashMap::new);

    ChannelsLastArray(DataBuffer buffer, long offset, long[] shape, long[] stride) {
        super(buffer, shape, stride, offset, 'c', DataType.FLOAT);
    }

    @Override
    public INDArray addi(INDArray other) {
        if (other.dataType() != DataType.FLOAT || !Arrays.equals(shape(), other.shape())
                || !Arrays.equals(stride(), other.stride())) {
            return super.addi(other);
        }
        ADDERS.get().computeIfAbsent(new Dims(shape()), d -> new AddKernel(d.values()))
                .forward(new INDArray[] {this, other}, this);
        return this;
    }
}
