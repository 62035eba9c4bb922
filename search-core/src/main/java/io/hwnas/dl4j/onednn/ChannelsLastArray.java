package io.hwnas.dl4j.onednn;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.cpu.nativecpu.NDArray;
import org.nd4j.linalg.cpu.nativecpu.buffer.LongBuffer;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A [n, c, h, w] array stored channels-last, as {@link Layouts#create} makes them.
 *
 * <p>Its in-place {@code addi} of an equally laid out array runs as one oneDNN binary add. DL4J sums the
 * gradients of a tensor used by two layers (every residual connection) with {@code addi}, and ND4J's add walks
 * such strided arrays element by element with index arithmetic: 1.2 ms instead of 0.07 ms for a 32×8×28×28
 * tensor, 20% of a ResNet-18 mini's batch.
 *
 * <p>Its shape descriptor is made once per shape and shared, as ND4J's own constant shape cache would, but
 * without that cache's limit of 1,000 shapes per JVM, past which every new array builds a native descriptor.
 */
final class ChannelsLastArray extends NDArray {

    private static final Map<Dims, Pair<DataBuffer, long[]>> SHAPE_INFO = new ConcurrentHashMap<>();
    /** Per thread: the add kernels are stateful and graphs on different threads may share shapes. */
    private static final ThreadLocal<Map<Dims, AddKernel>> ADDERS = ThreadLocal.withInitial(HashMap::new);

    private ChannelsLastArray(DataBuffer buffer, Pair<DataBuffer, long[]> shapeInfo) {
        super(buffer, (LongBuffer) shapeInfo.getFirst(), shapeInfo.getSecond());
    }

    /** An array over {@code buffer} (n·c·h·w floats from offset 0) with logical dims [n, c, h, w]. */
    static ChannelsLastArray over(DataBuffer buffer, long[] nchw) {
        return new ChannelsLastArray(buffer, SHAPE_INFO.computeIfAbsent(new Dims(nchw), d -> {
            long[] shape = d.values();
            long[] stride = {shape[1] * shape[2] * shape[3], 1, shape[3] * shape[1], shape[1]};
            return Nd4j.getShapeInfoProvider().createShapeInformation(shape, stride,
                    Shape.elementWiseStride(shape, stride, false), 'c', DataType.FLOAT, false);
        }));
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
