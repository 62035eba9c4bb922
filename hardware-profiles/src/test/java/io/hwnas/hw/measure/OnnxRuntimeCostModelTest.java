package io.hwnas.hw.measure;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.cost.CostModel;
import io.hwnas.cost.CostReport;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.hw.calibrate.CalibrationNetworks;
import io.hwnas.onnx.OnnxModel;
import io.hwnas.onnx.OnnxRuntimeCheck;
import io.hwnas.space.ImageInput;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxRuntimeCostModelTest {
    private static final InferenceTimer TIMER = new InferenceTimer(5, 15);
    private static final ImageInput MNIST = new ImageInput(1, 28, 28);

    @Test
    void timesTheNetworkAndReportsMemoryAsMeasuredModeDoes() {
        Architecture net = CalibrationNetworks.sample(MNIST, 10, 1, 3).get(0);
        OnnxRuntimeCostModel model = new OnnxRuntimeCostModel(TIMER, 0);
        for (int i = 0; i < 3; i++) {
            CostReport r = model.estimate(net);
            assertTrue(r.latencySeconds() > 0 && Double.isFinite(r.latencySeconds()), "run " + i + ": " + r);
            assertEquals(OnnxRuntimeCostModel.DEVICE, r.device());
            assertEquals(new MeasuredCostModel(TIMER, false, 0).estimate(net).peakMemoryBytes(), r.peakMemoryBytes());
            assertTrue(r.layers().isEmpty());
        }
    }

    /** What ONNX Runtime times computes what measured mode's DL4J graph computes: the same net, the same weights. */
    @Test
    void theTimedModelIsTheNetMeasuredModeRuns() {
        for (Architecture net : CalibrationNetworks.sample(MNIST, 10, 3, 11)) {
            OnnxModel onnx = OnnxRuntimeCostModel.export(net, 4);
            Nd4j.getRandom().setSeed(1);
            OnnxRuntimeCheck.Result r = OnnxRuntimeCheck.check(onnx, GraphBuilder.build(net, 4, 1e-3),
                    Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28), net.name());
            assertTrue(r.maxAbsDiff() <= r.tolerance(), net.name() + ": " + r);
        }
    }

    @Test
    void aMuchBiggerNetworkMeasuresSlower() {
        List<Architecture> nets = CalibrationNetworks.sample(MNIST, 10, 12, 5);
        Architecture small = nets.stream().min(Comparator.comparingLong(OnnxRuntimeCostModelTest::macs)).orElseThrow();
        Architecture big = nets.stream().max(Comparator.comparingLong(OnnxRuntimeCostModelTest::macs)).orElseThrow();
        assertTrue(macs(big) > 20 * macs(small), "fixture: " + macs(big) + " vs " + macs(small));
        OnnxRuntimeCostModel model = new OnnxRuntimeCostModel(TIMER, 0);
        assertTrue(model.estimate(big).latencySeconds() > model.estimate(small).latencySeconds());
    }

    @Test
    void travelsToExecutorsByJavaSerialization() throws Exception {
        CostModel model = new OnnxRuntimeCostModel(TIMER, 7);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(model);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(model, in.readObject());
        }
        assertEquals("ONNX Runtime", ((HostMeasured) model).runtime());
    }

    @Test
    void badModelsAndThreadCountsAreRefusedNamingTheNet() {
        Architecture net = CalibrationNetworks.sample(MNIST, 10, 1, 3).get(0);
        OnnxModel onnx = OnnxRuntimeCostModel.export(net, 0);
        assertThrows(IllegalArgumentException.class, () -> new OnnxLatency(onnx, net.input(), 0, 0, "net"));
        OnnxModel garbage = new OnnxModel(new byte[] {1, 2, 3}, onnx.input(), onnx.outputs(), onnx.sinks(),
                onnx.nodeTensors());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new OnnxLatency(garbage, net.input(), 1, 0, "garbage-net"));
        assertTrue(e.getMessage().startsWith("garbage-net: onnxruntime "), e.getMessage());
    }

    private static long macs(Architecture a) {
        return ArchitectureCounts.of(a).macs();
    }
}
