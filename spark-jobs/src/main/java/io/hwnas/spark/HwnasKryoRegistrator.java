package io.hwnas.spark;

import com.esotericsoftware.kryo.Kryo;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.Layer;
import io.hwnas.arch.Node;
import io.hwnas.arch.PoolKind;
import io.hwnas.arch.Shape;
import io.hwnas.arch.Size2;
import io.hwnas.arch.Upsample;
import io.hwnas.data.DataSettings;
import io.hwnas.detection.Box;
import io.hwnas.detection.Detection;
import io.hwnas.detection.GroundTruth;
import io.hwnas.detection.ImagePredictions;
import io.hwnas.dl4j.TrainingOutcome;
import io.hwnas.dl4j.TrainingSettings;
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
import io.hwnas.hant.OpKind;
import io.hwnas.hant.StemSpec;
import io.hwnas.hant.TeacherLayer;
import io.hwnas.hant.TeacherSnapshot;
import io.hwnas.hant.TeacherSpec;
import io.hwnas.hant.TrainedTeacher;
import io.hwnas.space.Choice;
import io.hwnas.space.ImageInput;
import io.hwnas.spark.kryo.ArchitectureSerializer;
import io.hwnas.spark.kryo.ChainNetworkSerializer;
import io.hwnas.spark.kryo.JdkCollections;
import io.hwnas.spark.kryo.RecordSerializer;
import io.hwnas.transform.NodeParams;
import io.hwnas.transform.Parameters;
import io.hwnas.transform.Tensor;
import org.apache.spark.serializer.KryoRegistrator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Registers with Kryo every class hwnas ships between the driver and executors, so Spark can run with
 * {@code spark.kryo.registrationRequired=true} (the default {@link Sessions} sets): an unregistered
 * class then fails loudly instead of being written with its full name in every record.
 *
 * <p>What travels: sweep and proxy-study candidates and results (with both architectures of a
 * candidate, i.e. the whole IR), HANT's units, results, teacher and the broadcast distiller and
 * fine-tuner, plus arrays of each (a {@code collect} returns an array). Records get a
 * {@link RecordSerializer} (Kryo 4 cannot restore records by itself, see there), the JDK's immutable
 * collections the records hold get {@link JdkCollections}' serializers, and {@link Architecture} and
 * {@link ChainNetwork} ship as what their constructors need.
 *
 * <p>When ND4J's Kryo support is on the classpath (it is: the dl4j-spark jar holds
 * {@code org.nd4j.kryo.Nd4jRegistrator}, its {@code nd4j-kryo} dependency the array serializer), that
 * registrator is applied as well (the backend's INDArray class, ND4J's AtomicDouble, and the JDK's
 * unmodifiable and synchronized wrappers via kryo-serializers), and ND4J's {@code DataSet} and
 * {@code MultiDataSet} are registered, so DL4J's Spark training can ship arrays and minibatches under the
 * same settings. ND4J comes last, so if its backend cannot load here the hwnas ids stay the same.
 *
 * <p>Kryo numbers classes in registration order, and driver and executors must agree: the order here is
 * fixed, and classes found by name are skipped the same way on every JVM with the same classpath.
 */
public final class HwnasKryoRegistrator implements KryoRegistrator {
    private static final Logger LOG = LoggerFactory.getLogger(HwnasKryoRegistrator.class);
    private static final AtomicBoolean ND4J_WARNED = new AtomicBoolean();
    static final String ND4J_REGISTRATOR = "org.nd4j.kryo.Nd4jRegistrator";
    /** ND4J's minibatch classes (and the array type MultiDataSet holds), registered when present. */
    static final List<String> ND4J_CLASSES = List.of("org.nd4j.linalg.dataset.DataSet",
            "org.nd4j.linalg.dataset.MultiDataSet", "[Lorg.nd4j.linalg.api.ndarray.INDArray;");

    /**
     * Spark SQL column types Spark itself leaves unregistered (it registers int, long, double and string):
     * reading results.parquet back ships its schema, whose boolean columns ({@code fits_on_chip_*}) need
     * {@code BooleanType$}; the other atomic types are here so a new column type does not break reads.
     */
    static final List<String> SPARK_SQL_TYPES = List.of("org.apache.spark.sql.types.BooleanType$",
            "org.apache.spark.sql.types.ByteType$", "org.apache.spark.sql.types.ShortType$",
            "org.apache.spark.sql.types.FloatType$", "org.apache.spark.sql.types.BinaryType$",
            "org.apache.spark.sql.types.TimestampType$", "org.apache.spark.sql.types.NullType$",
            "org.apache.spark.sql.types.ArrayType", "org.apache.spark.sql.types.MapType");

    /**
     * What fitting an MLlib random forest regressor ships (the surrogate strategies' {@code model: forest}
     * fits on the driver, but its aggregations go through the serializer even in local mode): found by
     * running with {@code setWarnUnregisteredClasses}, listed by name like the DL4J classes below.
     */
    static final List<String> SPARK_ML_FOREST_CLASSES = List.of(
            "org.apache.spark.util.collection.OpenHashMap$mcD$sp", "org.apache.spark.util.collection.OpenHashSet",
            "org.apache.spark.util.collection.OpenHashSet$DoubleHasher", "scala.reflect.ManifestFactory$DoubleManifest",
            "scala.Enumeration$Val", "org.apache.spark.ml.tree.ContinuousSplit", "org.apache.spark.ml.tree.CategoricalSplit",
            "[Lorg.apache.spark.ml.tree.Split;", "[[Lorg.apache.spark.ml.tree.Split;",
            "org.apache.spark.ml.tree.impl.DTStatsAggregator", "org.apache.spark.ml.tree.impl.DecisionTreeMetadata",
            "org.apache.spark.mllib.tree.impurity.Variance$", "org.apache.spark.mllib.tree.impurity.VarianceAggregator",
            "org.apache.spark.mllib.tree.impurity.VarianceCalculator",
            "org.apache.spark.mllib.tree.configuration.QuantileStrategy$",
            "org.apache.spark.mllib.tree.model.ImpurityStats");

    /**
     * What dl4j-spark's parameter averaging ships (final training): the network configuration in its
     * broadcast (every layer, vertex, preprocessor, activation, loss, updater and enum {@code GraphBuilder}
     * can emit), the averaging results and the evaluation. Found by running with
     * {@code setWarnUnregisteredClasses} over every space; listed by name so a DL4J upgrade that drops
     * one degrades to "not registered" at the first use, which names it.
     */
    static final List<String> DL4J_TRAINING_CLASSES = List.of(
            "java.util.concurrent.atomic.AtomicInteger", "java.util.concurrent.ConcurrentHashMap",
            "org.nd4j.shade.guava.collect.HashMultiset", "org.nd4j.common.primitives.AtomicBoolean",
            "org.nd4j.common.primitives.Counter", "org.nd4j.linalg.api.buffer.DataType",
            "org.nd4j.linalg.learning.config.Adam", "io.hwnas.dl4j.OnePassAdam", "io.hwnas.dl4j.GeluErf",
            "io.hwnas.dl4j.onednn.OneDnnConvolution", "io.hwnas.dl4j.onednn.OneDnnDepthwiseConvolution",
            "io.hwnas.dl4j.onednn.OneDnnCollapsedLinearBlock", "io.hwnas.dl4j.onednn.OneDnnPReLU",
            "io.hwnas.dl4j.onednn.OneDnnBatchNormalization", "io.hwnas.dl4j.onednn.OneDnnActivation",
            "io.hwnas.dl4j.onednn.OneDnnSubsampling", "io.hwnas.dl4j.onednn.OneDnnGlobalPooling",
            "io.hwnas.dl4j.onednn.OneDnnAdd", "io.hwnas.dl4j.onednn.OneDnnLayerNorm",
            "org.nd4j.linalg.lossfunctions.impl.LossMCXENT", "org.nd4j.linalg.lossfunctions.impl.LossMSE",
            "org.nd4j.linalg.lossfunctions.impl.LossL1", // super-resolution's default loss
            "org.nd4j.linalg.lossfunctions.impl.LossL2", // the YOLOv2 loss's position and class terms
            "org.nd4j.linalg.activations.impl.ActivationReLU", "org.nd4j.linalg.activations.impl.ActivationReLU6",
            "org.nd4j.linalg.activations.impl.ActivationLReLU", "org.nd4j.linalg.activations.impl.ActivationSwish",
            "org.nd4j.linalg.activations.impl.ActivationGELU", "org.nd4j.linalg.activations.impl.ActivationSigmoid",
            "org.nd4j.linalg.activations.impl.ActivationTanH", "org.nd4j.linalg.activations.impl.ActivationIdentity",
            "org.nd4j.linalg.activations.impl.ActivationSoftmax", "io.hwnas.dl4j.HardSwish",
            "io.hwnas.dl4j.HardSigmoid", "io.hwnas.dl4j.BroadcastMultiply", "io.hwnas.dl4j.DepthToSpaceBlocks",
            "io.hwnas.dl4j.ChannelPReLU", "org.deeplearning4j.nn.conf.layers.Upsampling2D",
            "org.deeplearning4j.nn.weights.WeightInitConstant",
            "org.nd4j.evaluation.classification.Evaluation", "org.nd4j.evaluation.classification.ConfusionMatrix",
            "[Lorg.nd4j.evaluation.IEvaluation;",
            "org.deeplearning4j.spark.api.worker.NetBroadcastTuple",
            "org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingResult",
            "org.deeplearning4j.spark.impl.paramavg.aggregator.ParameterAveragingAggregationTuple",
            "org.deeplearning4j.nn.conf.ComputationGraphConfiguration", "org.deeplearning4j.nn.conf.NeuralNetConfiguration",
            "org.deeplearning4j.nn.conf.WorkspaceMode", "org.deeplearning4j.nn.conf.GradientNormalization",
            "org.deeplearning4j.nn.conf.ConvolutionMode", "org.deeplearning4j.nn.conf.CacheMode",
            "org.deeplearning4j.nn.conf.CNN2DFormat", "org.deeplearning4j.nn.conf.BackpropType",
            "org.deeplearning4j.nn.api.OptimizationAlgorithm", "org.deeplearning4j.nn.conf.dropout.Dropout",
            "org.deeplearning4j.nn.conf.inputs.InputType$InputTypeConvolutional",
            "org.deeplearning4j.nn.conf.inputs.InputType$InputTypeFeedForward",
            "org.deeplearning4j.nn.weights.WeightInitRelu", "org.deeplearning4j.nn.weights.WeightInitXavier",
            "org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor",
            "org.deeplearning4j.nn.conf.graph.LayerVertex", "org.deeplearning4j.nn.conf.graph.PreprocessorVertex",
            "org.deeplearning4j.nn.conf.graph.ElementWiseVertex", "org.deeplearning4j.nn.conf.graph.ElementWiseVertex$Op",
            "org.deeplearning4j.nn.conf.graph.MergeVertex",
            "org.deeplearning4j.nn.conf.layers.ActivationLayer", "org.deeplearning4j.nn.conf.layers.BatchNormalization",
            "org.deeplearning4j.nn.conf.layers.CnnLossLayer", "org.deeplearning4j.nn.conf.layers.ConvolutionLayer",
            "org.deeplearning4j.nn.conf.layers.ConvolutionLayer$FwdAlgo",
            "org.deeplearning4j.nn.conf.layers.ConvolutionLayer$BwdFilterAlgo",
            "org.deeplearning4j.nn.conf.layers.ConvolutionLayer$BwdDataAlgo",
            "org.deeplearning4j.nn.conf.layers.ConvolutionLayer$AlgoMode",
            "org.deeplearning4j.nn.conf.layers.DenseLayer", "org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D",
            "org.deeplearning4j.nn.conf.layers.DropoutLayer", "org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer",
            "org.deeplearning4j.nn.conf.layers.OutputLayer", "org.deeplearning4j.nn.conf.layers.PoolingType",
            "org.deeplearning4j.nn.conf.layers.SubsamplingLayer",
            "org.deeplearning4j.nn.conf.layers.SubsamplingLayer$PoolingType",
            "org.deeplearning4j.nn.conf.layers.objdetect.Yolo2OutputLayer");

    @Override
    public void registerClasses(Kryo kryo) {
        JdkCollections.register(kryo);
        for (Class<?> e : List.of(Status.class, ActivationType.class, PoolKind.class, OpKind.class, Upsample.Mode.class)) {
            kryo.register(e);
        }
        for (Class<? extends Record> r : records()) {
            kryo.register(r, new RecordSerializer<>(r));
        }
        kryo.register(Architecture.class, new ArchitectureSerializer());
        kryo.register(ChainNetwork.class, new ChainNetworkSerializer());
        // ordinary final classes: Kryo's field serializer restores them (only records defeat it)
        for (Class<?> c : List.of(Tensor.class, Distiller.class, FineTuner.class)) {
            kryo.register(c);
        }
        for (Class<?> c : shipped()) {
            kryo.register(c.arrayType());
        }
        SPARK_SQL_TYPES.forEach(name -> registerIfPresent(kryo, name));
        SPARK_ML_FOREST_CLASSES.forEach(name -> registerIfPresent(kryo, name));
        registerNd4j(kryo);
    }

    /** The records that travel, and every record reachable from them. */
    static List<Class<? extends Record>> records() {
        List<Class<? extends Record>> out = new ArrayList<>(List.of(
                // a sweep's candidates and results
                Candidate.class, Choice.class, Fidelity.class, EvaluationResult.class, DeviceCost.class,
                // a detection result's boxes on the shown test canvases
                ImagePredictions.class, GroundTruth.class, Detection.class, Box.class,
                // the IR inside each candidate
                Node.class, Shape.class, Size2.class,
                // HANT's units, results, teacher and broadcast settings
                TrainedTeacher.class, TeacherSnapshot.class, TeacherSpec.class, TeacherLayer.class, StemSpec.class,
                ImageInput.class, Op.class, Parameters.class, TrainingOutcome.class, TrainingSettings.class,
                DistillationUnit.class, DistillationResult.class, DistillationSettings.class, FineTuneUnit.class,
                FineTuneResult.class, FineTuneSettings.class, DataSettings.class));
        // every IR layer and parameter kind, from the sealed interfaces, so a new one cannot be forgotten
        out.addAll(permittedRecords(Layer.class));
        out.addAll(permittedRecords(NodeParams.class));
        return out;
    }

    /** Every registered hwnas class, whose arrays are registered too. */
    static List<Class<?>> shipped() {
        List<Class<?>> out = new ArrayList<>(records());
        out.addAll(List.of(Architecture.class, ChainNetwork.class, Tensor.class, Distiller.class, FineTuner.class,
                Status.class, ActivationType.class, PoolKind.class, OpKind.class, Upsample.Mode.class));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Record>> permittedRecords(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses()).<Class<? extends Record>>map(c -> {
            if (!c.isRecord()) {
                throw new IllegalStateException(sealed.getName() + " permits " + c.getName()
                        + ", which is not a record; register it with a serializer in HwnasKryoRegistrator");
            }
            return (Class<? extends Record>) c;
        }).toList();
    }

    private static void registerNd4j(Kryo kryo) {
        ClassLoader loader = kryo.getClassLoader();
        Class<?> nd4j;
        try {
            nd4j = Class.forName(ND4J_REGISTRATOR, false, loader);
        } catch (ClassNotFoundException e) {
            LOG.debug("{} is not on the classpath; ND4J arrays are not registered with Kryo", ND4J_REGISTRATOR);
            return;
        }
        try {
            // it looks up the backend's array class, so this loads ND4J's native backend if nothing has yet
            ((KryoRegistrator) nd4j.getDeclaredConstructor().newInstance()).registerClasses(kryo);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // a driver without ND4J natives can still run tabular sweeps, which ship no arrays
            if (ND4J_WARNED.compareAndSet(false, true)) {
                LOG.warn("{} not applied ({}); ND4J arrays and datasets cannot be shipped by Spark", ND4J_REGISTRATOR,
                        e.toString());
            }
            return;
        }
        ND4J_CLASSES.forEach(name -> registerIfPresent(kryo, name));
        DL4J_TRAINING_CLASSES.forEach(name -> registerIfPresent(kryo, name));
    }

    private static void registerIfPresent(Kryo kryo, String name) {
        try {
            kryo.register(Class.forName(name, false, kryo.getClassLoader()));
        } catch (ClassNotFoundException e) {
            LOG.debug("{} is not on the classpath; not registered with Kryo", name);
        }
    }
}
