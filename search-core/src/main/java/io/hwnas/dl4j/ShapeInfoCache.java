package io.hwnas.dl4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.ShapeInfoProvider;
import org.nd4j.linalg.cpu.nativecpu.DirectShapeInfoProvider;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ND4J's cache of array shape descriptors, made to work. Every INDArray needs a native shape descriptor; the CPU
 * backend's {@link DirectShapeInfoProvider} caches them, but only through overloads that ND4J 1.0.0-M2's arrays no
 * longer call (they call the one with an {@code empty} flag), so each array builds a new native buffer, registered
 * with JavaCPP's deallocator under a JVM-wide lock. Measured on the quickstart CNN: 17% of single-thread training
 * time, and the main lock two Spark tasks contend on (scripts/bench-sweep, docs/performance.md).
 *
 * <p>{@link #install} puts this provider in ND4J's place once per JVM. Descriptors are immutable and shared, as ND4J
 * shares its own cached ones; past {@link #MAX_ENTRIES} distinct shapes new ones are built uncached, as ND4J does.
 */
public final class ShapeInfoCache extends DirectShapeInfoProvider {

    private static final Logger LOG = LoggerFactory.getLogger(ShapeInfoCache.class);
    static final int MAX_ENTRIES = 100_000;
    private static volatile boolean installed;

    private final Map<Key, Pair<DataBuffer, long[]>> cache = new ConcurrentHashMap<>();

    private ShapeInfoCache() {
    }

    /** Replaces ND4J's shape-descriptor provider with this cache; idempotent; logs and keeps ND4J's if it cannot. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        try {
            ShapeInfoProvider current = Nd4j.getShapeInfoProvider();
            if (current instanceof ShapeInfoCache) {
                return;
            }
            Field field = Nd4j.class.getDeclaredField("shapeInfoProvider");
            field.setAccessible(true);
            field.set(null, new ShapeInfoCache());
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("ND4J's shape descriptors stay uncached ({}): training is slower, results are the same", e.toString());
        }
    }

    @Override
    public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, long[] stride, long elementWiseStride,
                                                           char order, DataType dataType, boolean empty) {
        Key key = new Key(shape, stride, elementWiseStride, order, dataType, empty);
        Pair<DataBuffer, long[]> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Pair<DataBuffer, long[]> created = super.createShapeInformation(shape, stride, elementWiseStride, order,
                dataType, empty);
        if (cache.size() < MAX_ENTRIES) {
            Pair<DataBuffer, long[]> raced = cache.putIfAbsent(key, created);
            return raced != null ? raced : created;
        }
        return created;
    }

    /** The arrays are copied: callers may reuse theirs. */
    private static final class Key {
        private final long[] shape;
        private final long[] stride;
        private final long elementWiseStride;
        private final char order;
        private final DataType dataType;
        private final boolean empty;
        private final int hash;

        Key(long[] shape, long[] stride, long elementWiseStride, char order, DataType dataType, boolean empty) {
            this.shape = shape.clone();
            this.stride = stride.clone();
            this.elementWiseStride = elementWiseStride;
            this.order = order;
            this.dataType = dataType;
            this.empty = empty;
            int h = Arrays.hashCode(this.shape);
            h = 31 * h + Arrays.hashCode(this.stride);
            h = 31 * h + Long.hashCode(elementWiseStride);
            h = 31 * h + order;
            h = 31 * h + dataType.hashCode();
            this.hash = 31 * h + Boolean.hashCode(empty);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && elementWiseStride == k.elementWiseStride && order == k.order
                    && empty == k.empty && dataType == k.dataType && Arrays.equals(shape, k.shape)
                    && Arrays.equals(stride, k.stride);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
