package io.hwnas.onnx;

import java.util.List;

/**
 * A serialised ONNX model ({@code ModelProto} bytes) and how its tensors relate to the IR net it came from.
 *
 * @param input   the graph input's name
 * @param outputs the graph outputs' names, in the order of {@code sinks}
 * @param sinks   the IR nodes whose values the outputs are (after the classifier softmax for a dense one)
 * @param nodeTensors the tensors holding the IR nodes' values, in node order: the op boundaries, which int8
 *     quantisation ({@link Int8Quantizer}) puts its quantise/dequantise pairs on; tensors inside one op's ONNX form
 *     (a SiLU's sigmoid gate, a layer norm's variance) are not among them
 */
public record OnnxModel(byte[] bytes, String input, List<String> outputs, List<String> sinks,
                        List<String> nodeTensors) {

    public OnnxModel {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("field 'bytes' must be a serialised ONNX model, got none");
        }
        if (outputs.isEmpty() || outputs.size() != sinks.size()) {
            throw new IllegalArgumentException("fields 'outputs' " + outputs + " and 'sinks' " + sinks
                    + " must name the same, non-zero number of tensors");
        }
        bytes = bytes.clone();
        outputs = List.copyOf(outputs);
        sinks = List.copyOf(sinks);
        nodeTensors = List.copyOf(nodeTensors);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
