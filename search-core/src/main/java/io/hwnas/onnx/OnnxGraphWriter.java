package io.hwnas.onnx;

import onnx.Onnx;
import org.nd4j.shade.protobuf.ByteString;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Appends ONNX nodes and initialisers (weights, float32 little-endian raw data) to a graph under construction, with
 * names that are unique in the graph. The protobuf classes are ND4J's generated {@code onnx.Onnx} (nd4j-api, on
 * ND4J's shaded protobuf runtime), already on every classpath that runs DL4J: no second protobuf runtime to clash with
 * Spark's and Hadoop's, and no generated sources to keep in step with the spec. Their schema is the official
 * {@code onnx.proto} (IR version 3 era); the fields hwnas writes kept their numbers in every later version, so the
 * model declares a newer IR version (see {@link OnnxExport#IR_VERSION}).
 */
final class OnnxGraphWriter {
    private final Onnx.GraphProto.Builder graph;
    private final Set<String> names = new HashSet<>();
    private int nodes;

    OnnxGraphWriter(Onnx.GraphProto.Builder graph) {
        this.graph = graph;
    }

    /** Reserves {@code name} (a graph input or an IR node's output); fails if it is taken. */
    String reserve(String name) {
        if (!names.add(name)) {
            throw new IllegalStateException("ONNX tensor name '" + name + "' is used twice");
        }
        return name;
    }

    /** A fresh name derived from {@code base} for an intermediate tensor or an initialiser. */
    String fresh(String base) {
        String name = base;
        for (int i = 1; names.contains(name); i++) {
            name = base + "." + i;
        }
        names.add(name);
        return name;
    }

    /** Adds a node of {@code op} reading {@code inputs} (an empty name: an omitted optional input) into {@code output}. */
    void node(String op, List<String> inputs, String output, Onnx.AttributeProto... attributes) {
        Onnx.NodeProto.Builder n = Onnx.NodeProto.newBuilder().setOpType(op).setName(op + "_" + nodes++)
                .addAllInput(inputs).addOutput(output);
        for (Onnx.AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
    }

    /** A float32 weight named after {@code base}; returns its name. */
    String floats(String base, float[] values, long... dims) {
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        if (count != values.length) {
            throw new IllegalArgumentException("initialiser " + base + ": " + values.length + " values for dims "
                    + Arrays.toString(dims));
        }
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return initializer(base, Onnx.TensorProto.DataType.FLOAT, ByteString.copyFrom(raw.array()), dims);
    }

    /** An int64 constant (axes, shapes); returns its name. */
    String longs(String base, long... values) {
        ByteBuffer raw = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(values);
        return initializer(base, Onnx.TensorProto.DataType.INT64, ByteString.copyFrom(raw.array()), values.length);
    }

    /** An int8 weight or zero point named after {@code base} (no dims: a scalar); returns its name. */
    String int8s(String base, byte[] values, long... dims) {
        return initializer(base, Onnx.TensorProto.DataType.INT8, ByteString.copyFrom(values), dims);
    }

    /** An int32 tensor (a quantised bias, its zero points) named after {@code base}; returns its name. */
    String int32s(String base, int[] values, long... dims) {
        ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        raw.asIntBuffer().put(values);
        return initializer(base, Onnx.TensorProto.DataType.INT32, ByteString.copyFrom(raw.array()), dims);
    }

    /** A float32 scalar constant; returns its name. */
    String scalar(String base, float value) {
        return floats(base, new float[] {value});
    }

    private String initializer(String base, Onnx.TensorProto.DataType type, ByteString raw, long... dims) {
        String name = fresh(base);
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name).setDataType(type).setRawData(raw);
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    static Onnx.AttributeProto ints(String name, long... values) {
        Onnx.AttributeProto.Builder a = Onnx.AttributeProto.newBuilder().setName(name)
                .setType(Onnx.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static Onnx.AttributeProto integer(String name, long value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INT).setI(value)
                .build();
    }

    static Onnx.AttributeProto real(String name, float value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.FLOAT)
                .setF(value).build();
    }

    static Onnx.AttributeProto text(String name, String value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }
}
