package io.hwnas.spark;

import io.hwnas.arch.ActivationType;
import io.hwnas.data.DataSettings;
import io.hwnas.dl4j.GraphBuilder;
import io.hwnas.dl4j.TrainingOutcome;
import io.hwnas.eval.Candidate;
import io.hwnas.eval.DeviceCost;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.Fidelity;
import io.hwnas.eval.Status;
import io.hwnas.hant.ChainNetwork;
import io.hwnas.hant.DistillationResult;
import io.hwnas.hant.DistillationSettings;
import io.hwnas.hant.DistillationUnit;
import io.hwnas.hant.Distiller;
import io.hwnas.hant.FineTuneResult;
import io.hwnas.hant.FineTuneSettings;
import io.hwnas.hant.FineTuneUnit;
import io.hwnas.hant.FineTuner;
import io.hwnas.hant.Op;
import io.hwnas.hant.TeacherSnapshot;
import io.hwnas.hant.TeacherSpec;
import io.hwnas.hant.TrainedTeacher;
import io.hwnas.io.StrictYaml;
import io.hwnas.space.Choice;
import io.hwnas.spark.config.SweepConfig;
import io.hwnas.spark.journal.BatchFileTest;
import io.hwnas.transform.Dl4jParameters;
import io.hwnas.transform.Parameters;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What hwnas ships survives Spark's KryoSerializer configured as {@link Sessions#withDefaults} configures it
 * (hwnas's registrator, registration required), and an unregistered class is refused.
 */
class KryoRegistrationTest {
    private static final ClassTag<Object> ANY = ClassTag$.MODULE$.AnyRef();
    private static SerializerInstance kryo;

    @BeforeAll
    static void serializer() {
        SparkConf conf = Sessions.withDefaults(new SparkConf(false));
        assertEquals("true", conf.get(Sessions.REGISTRATION_REQUIRED));
        kryo = new KryoSerializer(conf).newInstance();
    }

    private static byte[] bytes(Object value) {
        ByteBuffer buffer = kryo.serialize(value, ANY);
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    @SuppressWarnings("unchecked")
    static <T> T roundTrip(T value) {
        ByteBuffer bytes = kryo.serialize(value, ANY);
        return (T) kryo.deserialize(bytes, ANY);
    }

    @Test
    void defaultsLeaveAUsersSettingsAlone() {
        SparkConf user = new SparkConf(false).set(Sessions.REGISTRATION_REQUIRED, "false")
                .set(Sessions.SERIALIZER, "org.apache.spark.serializer.JavaSerializer");
        Sessions.withDefaults(user);
        assertEquals("false", user.get(Sessions.REGISTRATION_REQUIRED));
        assertEquals("org.apache.spark.serializer.JavaSerializer", user.get(Sessions.SERIALIZER));
        assertEquals(HwnasKryoRegistrator.class.getName(), user.get(Sessions.REGISTRATOR));
    }

    @Test
    void resultsWithNaNInfinitiesNullErrorAndEmptyCollectionsRoundTrip() {
        EvaluationResult untrained = new EvaluationResult(3, 1, "abc", Map.of(), Status.OK, null, Double.NaN,
                Double.NaN, Double.NaN, 1_234_567L, 8_000L, 64L, 4_704L, List.of(), 2_000_000L, 9_000L, 0, 0, 0, Double.NaN,
                -7L, "host/driver", Map.of());
        Map<String, Double> proxies = new LinkedHashMap<>();
        proxies.put("naswot", Double.NEGATIVE_INFINITY);
        proxies.put("synflow", 10.5);
        proxies.put("grad_norm", Double.NaN);
        proxies.put("nonlinear_units", Double.POSITIVE_INFINITY);
        EvaluationResult trained = new EvaluationResult(0, 0, "f", Map.of("act_0", "relu", "width_1", "0.5"),
                Status.OK, null, 0.75, 0.0123, 0.61, 10, 20, 30, 40,
                List.of(new DeviceCost("host-cpu", 0.5, 2000, 1 << 20, true),
                        new DeviceCost("ethos-u55-128", Double.POSITIVE_INFINITY, 0, Long.MAX_VALUE, false),
                        new DeviceCost("measured", 1.25, 800, 0, true)),
                11, 22, 1.5, 0.25, 300, 200.0, Long.MIN_VALUE, "worker-1", proxies);
        EvaluationResult failed = new EvaluationResult(1, 2, "g", Map.of("act_0", "silu"), Status.FAILED,
                "training diverged: loss NaN", Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, 0,
                List.of(new DeviceCost("host-cpu", 1, 1000, 10, true)), 0, 0, 0, 0, 0, Double.NaN, 1, "w",
                Map.of("naswot", Double.NEGATIVE_INFINITY));
        EvaluationResult detection = BatchFileTest.detection(5);
        assertEquals(2, detection.testBoxes().size());
        EvaluationResult int8 = BatchFileTest.int8(6);
        for (EvaluationResult r : List.of(untrained, trained, failed, detection, int8)) {
            EvaluationResult back = roundTrip(r);
            assertEquals(r, back);
            assertEquals(r.proxies(), back.proxies());
        }
        assertNull(roundTrip(untrained).error());
        assertTrue(roundTrip(trained).proxy("grad_norm") != roundTrip(trained).proxy("grad_norm"), "NaN stays NaN");
        assertEquals(Double.NEGATIVE_INFINITY, roundTrip(trained).proxy("naswot"));
        // collect() ships what tasks return as an Object[]; typed arrays are registered too
        Object[] collected = roundTrip(new Object[] {untrained, trained, failed});
        assertArrayEquals(new Object[] {untrained, trained, failed}, collected);
        assertArrayEquals(new EvaluationResult[] {failed}, roundTrip(new EvaluationResult[] {failed}));
    }

    /** Candidates of every space that ships architectures, with both forms of the net and a fidelity. */
    @ParameterizedTest
    @MethodSource("io.hwnas.spark.SpaceExamples#networkKinds")
    void candidatesOfEverySpaceRoundTrip(String example) throws Exception {
        String text = Files.readString(Path.of("..", "examples", example + ".yaml"));
        SweepConfig config = StrictYaml.read(text, SweepConfig.class, example);
        List<Candidate> candidates = new ArrayList<>(SweepJob.candidates(config).subList(0, 3));
        Candidate c = candidates.get(0);
        candidates.add(new Candidate(c.id() + 100, 3, c.choice(), c.description(), c.architecture(), c.deployed(),
                c.seed(), new Fidelity(150, 2)));
        for (Candidate candidate : candidates) {
            Candidate back = roundTrip(candidate);
            assertEquals(candidate, back);
            assertEquals(candidate.architecture().fingerprint(), back.architecture().fingerprint());
            assertEquals(candidate.deployed().fingerprint(), back.deployed().fingerprint());
            assertEquals(candidate.architecture().shape(candidate.architecture().output().id()),
                    back.architecture().shape(back.architecture().output().id()));
        }
        assertArrayEquals(candidates.toArray(), roundTrip(candidates.toArray()));
        assertArrayEquals(candidates.toArray(Candidate[]::new), roundTrip(candidates.toArray(Candidate[]::new)));
    }

    /** What dl4j-spark broadcasts for final training: the graph configuration of every space's nets. */
    @ParameterizedTest
    @MethodSource("io.hwnas.spark.SpaceExamples#networkKinds")
    void graphConfigurationsOfEverySpaceRoundTrip(String example) throws Exception {
        String text = Files.readString(Path.of("..", "examples", example + ".yaml"));
        SweepConfig config = StrictYaml.read(text, SweepConfig.class, example);
        for (Candidate c : SweepJob.candidates(config).subList(0, 2)) {
            for (io.hwnas.arch.Architecture arch : List.of(c.architecture(), c.deployed())) {
                var conf = io.hwnas.dl4j.GraphBuilder.configure(arch, 1, 1e-3);
                assertEquals(conf.toJson(), roundTrip(conf).toJson());
            }
        }
    }

    /** What final training of a detector broadcasts: its graph configuration, a YOLOv2 output layer per scale. */
    @Test
    void detectorGraphConfigurationRoundTrips() {
        io.hwnas.arch.Architecture arch = io.hwnas.arch.zoo.Yolos.preset("yolo_pico_det")
                .build(io.hwnas.arch.zoo.Yolos.NATURAL_INPUT, io.hwnas.arch.zoo.Yolos.NATURAL_CLASSES);
        var conf = io.hwnas.dl4j.GraphBuilder.buildDetection(arch, io.hwnas.dl4j.DetectionDatasets.head(arch), 1, 1e-3)
                .getConfiguration();
        assertEquals(conf.toJson(), roundTrip(conf).toJson());
    }

    /**
     * The IR's multiply, PReLU, depth-to-space, upsample, hard-sigmoid and collapsed-training linear block, as records
     * and as DL4J configuration.
     */
    @Test
    void newOpsRoundTripAsArchitecturesAndGraphConfigurations() {
        io.hwnas.arch.Architecture arch = new io.hwnas.arch.ArchitectureBuilder("new-ops",
                io.hwnas.arch.Shape.image(3, 4, 4))
                .add("conv", io.hwnas.arch.Conv2d.same(8, 3, 1))
                .add("block", new io.hwnas.arch.CollapsedLinearBlock(8, 3, 16, true))
                .add("pool", io.hwnas.arch.GlobalPool.avg())
                .add("gate", new io.hwnas.arch.Activation(ActivationType.HARD_SIGMOID))
                .addFrom("se", new io.hwnas.arch.Multiply(), "block", "gate")
                .add("prelu", new io.hwnas.arch.PRelu())
                .add("d2s", new io.hwnas.arch.DepthToSpace(2))
                .add("up", io.hwnas.arch.Upsample.nearest(2))
                .add("flat", new io.hwnas.arch.Flatten())
                .add("fc", io.hwnas.arch.Dense.of(3))
                .build();
        io.hwnas.arch.Architecture back = roundTrip(arch);
        assertEquals(arch, back);
        assertEquals(arch.fingerprint(), back.fingerprint());
        var conf = io.hwnas.dl4j.GraphBuilder.configure(arch, 1, 1e-3);
        assertEquals(conf.toJson(), roundTrip(conf).toJson());
        // DL4J's own JSON too: saved models and exports keep the custom layers and vertices
        assertEquals(conf, org.deeplearning4j.nn.conf.ComputationGraphConfiguration.fromJson(conf.toJson()));
    }

    @Test
    void jdkImmutableCollectionsKeepTheirBehaviour() {
        for (Object c : List.of(List.of(), List.of(1), List.of(1, 2), List.of(1, 2, 3), List.of(1, 2, 3).subList(1, 3),
                java.util.Set.of(7), java.util.Set.of(1, 2, 3), Map.of(), Map.of("a", 1), Map.of("a", 1, "b", 2),
                new Choice(List.of(0, 3, 1)))) {
            Object back = roundTrip(c);
            assertEquals(c, back);
        }
        assertSame(List.of(1).getClass(), roundTrip(List.of(1)).getClass());
        assertSame(List.of(1, 2, 3).getClass(), roundTrip(List.of(1, 2, 3)).getClass());
        assertSame(Map.of("a", 1).getClass(), roundTrip(Map.of("a", 1)).getClass());
        assertSame(Map.of("a", 1, "b", 2).getClass(), roundTrip(Map.of("a", 1, "b", 2)).getClass());
        // Stream.toList allows nulls, List.of does not: both stay as they were
        List<String> withNull = Stream.of("a", null, "c").toList();
        List<String> back = roundTrip(withNull);
        assertEquals(withNull, back);
        assertEquals(1, back.indexOf(null));
        assertThrows(NullPointerException.class, () -> roundTrip(List.of("a", "b")).indexOf(null));
        assertThrows(UnsupportedOperationException.class, () -> roundTrip(List.of("a")).add("b"));
    }

    @Test
    void hantUnitsResultsTeacherAndBroadcastsRoundTrip() {
        ChainNetwork network = new ChainNetwork(TeacherSpec.preset());
        Parameters weights = Dl4jParameters.read(network.teacher(), GraphBuilder.build(network.teacher(), 3, 1e-3));
        TeacherSnapshot snapshot = TeacherSnapshot.of(network, weights);
        List<Op> ops = network.teacherWith(2, Op.mbconv(3, 4, ActivationType.HARD_SWISH));
        DataSettings data = DataSettings.defaults();
        for (Object o : List.of(network, snapshot, new TrainedTeacher(snapshot, TrainingOutcome.of(0.8, 0.5, 12, 1, 2000, 1000)),
                new DistillationUnit(1, Op.identity(), 5), new FineTuneUnit(3, ops, 9),
                new DistillationResult(0, Op.conv(3, ActivationType.RELU), -0.5, 0.2, 0.3, 0.4, 10, 1.5, weights, null),
                new DistillationResult(1, Op.identity(), Double.NaN, Double.NaN, Double.NaN, 0, 0, 0, Parameters.empty(),
                        "diverged"),
                new FineTuneResult(2, 0.5, 0.7, 0.9, 3.5, 1500))) {
            assertEquals(o, roundTrip(o), o.getClass().getSimpleName());
        }
        // the broadcast distiller and fine-tuner have no equals: read back, they serialize to the same bytes
        for (Object broadcast : List.of(new Distiller(snapshot, data, new DistillationSettings(64, 32, 10, 16, 1e-3)),
                new FineTuner(snapshot, Map.of("l2/mbconv3x3-e4-hard_swish", weights), data,
                        new FineTuneSettings(1, 32, 1e-3, 100)))) {
            Object back = roundTrip(broadcast);
            assertSame(broadcast.getClass(), back.getClass());
            assertArrayEquals(bytes(broadcast), bytes(back), broadcast.getClass().getSimpleName());
        }
    }

    @Test
    void nd4jArraysAndMinibatchesAreRegistered() {
        INDArray features = Nd4j.rand(new int[] {4, 1, 28, 28});
        INDArray labels = Nd4j.eye(4);
        assertEquals(features, roundTrip(features));
        DataSet batch = new DataSet(features, labels);
        DataSet back = roundTrip(batch);
        assertEquals(features, back.getFeatures());
        assertEquals(labels, back.getLabels());
        MultiDataSet multi = new MultiDataSet(new INDArray[] {features}, new INDArray[] {labels});
        MultiDataSet multiBack = roundTrip(multi);
        assertEquals(features, multiBack.getFeatures(0));
        assertEquals(labels, multiBack.getLabels(0));
    }

    @Test
    void anUnregisteredClassIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> roundTrip(new AtomicLong(3)));
        assertTrue(e.getMessage().contains("java.util.concurrent.atomic.AtomicLong"), e.getMessage());
        IllegalArgumentException nested = assertThrows(IllegalArgumentException.class,
                () -> roundTrip(List.of(new AtomicLong(3))));
        assertTrue(nested.getMessage().contains("AtomicLong"), nested.getMessage());
    }
}
