package io.hwnas.dl4j;

import io.hwnas.arch.Activation;
import io.hwnas.arch.Add;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureException;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.CollapsedLinearBlock;
import io.hwnas.arch.Concat;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.DepthwiseConv2d;
import io.hwnas.arch.DepthToSpace;
import io.hwnas.arch.Dropout;
import io.hwnas.arch.Flatten;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Layer;
import io.hwnas.arch.LayerNorm;
import io.hwnas.arch.Multiply;
import io.hwnas.arch.Node;
import io.hwnas.arch.PRelu;
import io.hwnas.arch.Pool2d;
import io.hwnas.arch.PoolKind;
import io.hwnas.arch.Shape;
import io.hwnas.arch.Size2;
import io.hwnas.arch.Upsample;
import io.hwnas.arch.zoo.YoloDetector;
import io.hwnas.dl4j.onednn.OneDnnActivation;
import io.hwnas.dl4j.onednn.OneDnnAdd;
import io.hwnas.dl4j.onednn.OneDnnBatchNormalization;
import io.hwnas.dl4j.onednn.OneDnnCollapsedLinearBlock;
import io.hwnas.dl4j.onednn.OneDnnConvolution;
import io.hwnas.dl4j.onednn.OneDnnDepthwiseConvolution;
import io.hwnas.dl4j.onednn.OneDnnGlobalPooling;
import io.hwnas.dl4j.onednn.OneDnnLayerNorm;
import io.hwnas.dl4j.onednn.OneDnnPReLU;
import io.hwnas.dl4j.onednn.OneDnnSubsampling;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.objdetect.Yolo2OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a trainable DL4J {@link ComputationGraph} from an IR {@link Architecture}. The last node
 * must be a {@link Dense} classifier; it becomes a softmax output layer with cross-entropy loss.
 * The built graph has exactly the IR's parameters (trainable + BN state), which a test checks.
 */
public final class GraphBuilder {

    /** What {@link #buildDetection} appends to a prediction map's id to name its output layer. */
    public static final String YOLO_SUFFIX = ".yolo";

    /** The loss vertex {@link #buildFeatureRegression} appends. */
    public static final String REGRESSION_LOSS = "regression_loss";

    static {
        // every DL4J graph of hwnas is built here: the first one fixes ND4J's shape-descriptor cache for the JVM
        ShapeInfoCache.install();
    }

    private GraphBuilder() {
    }

    /** A graph initialised from {@code seed}, trained with Adam at {@code learningRate}. */
    public static ComputationGraph build(Architecture arch, long seed, double learningRate) {
        return build(arch, seed, learningRate, LayerKernels.ONEDNN);
    }

    public static ComputationGraph build(Architecture arch, long seed, double learningRate, LayerKernels kernels) {
        ComputationGraph graph = new ComputationGraph(configure(arch, seed, learningRate, kernels));
        graph.init();
        return graph;
    }

    public static ComputationGraphConfiguration configure(Architecture arch, long seed, double learningRate) {
        return configure(arch, seed, learningRate, LayerKernels.ONEDNN);
    }

    public static ComputationGraphConfiguration configure(Architecture arch, long seed, double learningRate,
                                                          LayerKernels kernels) {
        if (!(arch.output().layer() instanceof Dense)) {
            throw new ArchitectureException("architecture '" + arch.name() + "': the last node '" + arch.output().id()
                    + "' is " + arch.output().op() + ", expected a dense classifier");
        }
        ComputationGraphConfiguration.GraphBuilder g = start(arch, seed, learningRate);
        g.setOutputs(addNodes(g, arch, true, kernels));
        return g.build();
    }

    /**
     * The graph the net's head calls for, for code that takes any net (transforms, their exactness checks): a
     * classifier ({@link #build}) when the last node is a dense layer, else a feature-map regression
     * ({@link #buildFeatureRegression}), as SESR and other super-resolution nets end.
     */
    public static ComputationGraph buildForHead(Architecture arch, long seed, double learningRate) {
        return arch.output().layer() instanceof Dense ? build(arch, seed, learningRate)
                : buildFeatureRegression(arch, seed, learningRate);
    }

    /**
     * A graph trained to reproduce a target feature map: the architecture's last tensor (a C×H×W map)
     * feeds a mean-squared-error loss with identity activation, vertex {@link #REGRESSION_LOSS}. Used to
     * distil one layer of a network into another op (HANT's phase 1); {@code outputSingle} gives the map.
     */
    public static ComputationGraph buildFeatureRegression(Architecture arch, long seed, double learningRate) {
        return regression(arch, seed, learningRate, LossFunctions.LossFunction.MSE, WeightInit.RELU);
    }

    /**
     * A graph whose last tensor (a C×H×W map: a super-resolved image, a target feature map) is trained against a
     * target of the same shape under {@code loss} (L1, MSE) with identity activation, vertex {@link #REGRESSION_LOSS}.
     * Fully convolutional, so it also runs on inputs of other sizes than the architecture's (whole images).
     * Initialised with Glorot, not He: image-to-image nets are mostly linear paths (linear blocks, residual sums, a
     * linear last conv) on which He's gain of 2 per conv compounds, so an untrained SESR-M5 answers 0..1 inputs with
     * values near 100 and does not recover in a short sweep (Glorot is also Keras's default).
     */
    public static ComputationGraph buildImageRegression(Architecture arch, long seed, double learningRate,
                                                        LossFunctions.LossFunction loss) {
        return regression(arch, seed, learningRate, loss, WeightInit.XAVIER);
    }

    /**
     * A detector's graph: each prediction map of {@code head} (the net's outputs, {@link YoloHead#of}) feeds a
     * {@code Yolo2OutputLayer} with that scale's anchors, named {@code <map id>.yolo}; the graph's outputs, in the
     * head's order, are those layers' activations (see {@link YoloScale}). Initialised with He's scheme, as the
     * classifiers: a detector is conv–BN–activation throughout.
     */
    public static ComputationGraph buildDetection(Architecture arch, YoloHead head, long seed, double learningRate) {
        List<String> maps = YoloDetector.outputs(arch);
        if (maps.size() != head.scales().size()) {
            throw new ArchitectureException("architecture '" + arch.name() + "' has " + maps.size()
                    + " prediction maps, the head " + head.scales().size() + " scales");
        }
        ComputationGraphConfiguration.GraphBuilder g = start(arch, seed, learningRate);
        Map<String, String> vertexOf = addAllNodes(g, arch, false, LayerKernels.ONEDNN);
        String[] outputs = new String[maps.size()];
        for (int i = 0; i < maps.size(); i++) {
            outputs[i] = maps.get(i) + YOLO_SUFFIX;
            g.addLayer(outputs[i], new Yolo2OutputLayer.Builder().boundingBoxPriors(head.scales().get(i).priors())
                    .build(), vertexOf.get(maps.get(i)));
        }
        g.setOutputs(outputs);
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    private static ComputationGraph regression(Architecture arch, long seed, double learningRate,
                                               LossFunctions.LossFunction loss, WeightInit init) {
        if (!arch.shape(arch.output().id()).spatial()) {
            throw new ArchitectureException("architecture '" + arch.name() + "': the last node '" + arch.output().id()
                    + "' gives " + arch.shape(arch.output().id()) + ", expected a C×H×W feature map to regress");
        }
        ComputationGraphConfiguration.GraphBuilder g = start(arch, seed, learningRate, init);
        g.addLayer(REGRESSION_LOSS, new CnnLossLayer.Builder(loss)
                .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build(),
                addNodes(g, arch, false, LayerKernels.ONEDNN));
        g.setOutputs(REGRESSION_LOSS);
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    private static ComputationGraphConfiguration.GraphBuilder start(Architecture arch, long seed, double learningRate) {
        return start(arch, seed, learningRate, WeightInit.RELU);
    }

    private static ComputationGraphConfiguration.GraphBuilder start(Architecture arch, long seed, double learningRate,
                                                                    WeightInit init) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new OnePassAdam(learningRate))
                .weightInit(init)
                .convolutionMode(ConvolutionMode.Truncate)
                .graphBuilder()
                .addInputs(Node.INPUT)
                .setInputTypes(InputType.convolutional(arch.input().height(), arch.input().width(), arch.input().channels()));
    }

    /** Adds every node; returns the vertex holding the last node's output. */
    private static String addNodes(ComputationGraphConfiguration.GraphBuilder g, Architecture arch,
                                   boolean denseOutput, LayerKernels kernels) {
        return addAllNodes(g, arch, denseOutput, kernels).get(arch.output().id());
    }

    /** Adds every node; returns the vertex holding each node's output by node id. */
    private static Map<String, String> addAllNodes(ComputationGraphConfiguration.GraphBuilder g, Architecture arch,
                                                   boolean denseOutput, LayerKernels kernels) {
        Map<String, String> vertexOf = new HashMap<>();
        vertexOf.put(Node.INPUT, Node.INPUT);
        for (Node node : arch.nodes()) {
            String[] in = node.inputs().stream().map(vertexOf::get).toArray(String[]::new);
            boolean isOutput = denseOutput && node == arch.output();
            vertexOf.put(node.id(), add(g, arch, node, in, isOutput, kernels));
        }
        return vertexOf;
    }

    /** Adds the vertices for one node and returns the name of the vertex holding its output. */
    private static String add(ComputationGraphConfiguration.GraphBuilder g, Architecture arch, Node node, String[] in,
                              boolean isOutput, LayerKernels kernels) {
        boolean onednn = kernels == LayerKernels.ONEDNN;
        Layer layer = node.layer();
        Shape inShape = arch.inputShapes(node).get(0);
        String id = node.id();
        if (layer instanceof Conv2d c) {
            return addConv(g, id, c, inShape, in[0], onednn);
        } else if (layer instanceof DepthwiseConv2d d) {
            g.addLayer(id, depthwise(d.kernel(), d.stride(), d.padding(), d.dilation(), d.multiplier(), d.bias(), onednn),
                    in);
        } else if (layer instanceof Dense d) {
            if (isOutput) {
                g.addLayer(id, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX)
                        .nOut(d.units()).hasBias(d.bias()).build(), in);
            } else {
                g.addLayer(id, new DenseLayer.Builder().nOut(d.units()).hasBias(d.bias())
                        .activation(org.nd4j.linalg.activations.Activation.IDENTITY).build(), in);
            }
        } else if (layer instanceof BatchNorm b) {
            g.addLayer(id, batchNorm(b.eps(), b.momentum(), onednn), in);
        } else if (layer instanceof LayerNorm n) {
            // DL4J M2 has no channel-wise layer norm: its own layers can only stand in with batch norm
            g.addLayer(id, onednn ? OneDnnLayerNorm.of(n.eps()) : batchNorm(n.eps(), BatchNorm.DEFAULT_MOMENTUM, false),
                    in);
        } else if (layer instanceof Activation a) {
            var function = Activations.of(a.function());
            g.addLayer(id, onednn ? OneDnnActivation.of(function)
                    : new ActivationLayer.Builder().activation(function).build(), in);
        } else if (layer instanceof Pool2d p) {
            SubsamplingLayer.Builder b = new SubsamplingLayer.Builder(poolingType(p.kind()))
                    .kernelSize(p.kernel().h(), p.kernel().w()).stride(p.stride().h(), p.stride().w())
                    .padding(p.padding().h(), p.padding().w()).avgPoolIncludePadInDivisor(true);
            g.addLayer(id, onednn ? new OneDnnSubsampling(b) : b.build(), in);
        } else if (layer instanceof GlobalPool p) {
            g.addLayer(id, onednn ? OneDnnGlobalPooling.of(poolingType(p.kind()))
                    : new GlobalPoolingLayer.Builder(poolingType(p.kind())).build(), in);
        } else if (layer instanceof Add) {
            g.addVertex(id, onednn ? new OneDnnAdd() : new ElementWiseVertex(ElementWiseVertex.Op.Add), in);
        } else if (layer instanceof Concat) {
            g.addVertex(id, new MergeVertex(), in);
        } else if (layer instanceof Flatten) {
            if (!inShape.spatial()) {
                return in[0];
            }
            g.addVertex(id, new PreprocessorVertex(
                    new CnnToFeedForwardPreProcessor(inShape.height(), inShape.width(), inShape.channels())), in);
        } else if (layer instanceof Dropout d) {
            if (d.rate() == 0) {
                return in[0];
            }
            // DL4J's argument is the probability of *keeping* an activation
            g.addLayer(id, new DropoutLayer.Builder(1.0 - d.rate()).build(), in);
        } else if (layer instanceof PRelu) {
            long[] shape = inShape.spatial() ? new long[] {inShape.channels(), inShape.height(), inShape.width()}
                    : new long[] {inShape.channels()};
            g.addLayer(id, onednn ? OneDnnPReLU.of(shape, PRelu.INITIAL_SLOPE)
                    : ChannelPReLU.of(shape, PRelu.INITIAL_SLOPE), in);
        } else if (layer instanceof Multiply) {
            g.addVertex(id, new BroadcastMultiply(), in);
        } else if (layer instanceof DepthToSpace d) {
            g.addVertex(id, new DepthToSpaceBlocks(d.blockSize()), in);
        } else if (layer instanceof Upsample u) {
            g.addLayer(id, new Upsampling2D.Builder(u.scale()).build(), in);
        } else if (layer instanceof CollapsedLinearBlock b) {
            if (!onednn) {
                throw new ArchitectureException("node '" + id + "' (" + node.op() + ") has only a oneDNN layer; "
                        + "build it with LayerKernels.ONEDNN");
            }
            g.addLayer(id, OneDnnCollapsedLinearBlock.of(b), in);
        } else {
            throw new ArchitectureException("node '" + id + "': op " + node.op() + " has no DL4J mapping");
        }
        return id;
    }

    private static BatchNormalization batchNorm(double eps, double momentum, boolean onednn) {
        return onednn ? OneDnnBatchNormalization.of(eps, momentum)
                : new BatchNormalization.Builder().eps(eps).decay(momentum).useLogStd(false).build();
    }

    private static PoolingType poolingType(PoolKind kind) {
        return kind == PoolKind.MAX ? PoolingType.MAX : PoolingType.AVG;
    }

    private static String addConv(ComputationGraphConfiguration.GraphBuilder g, String id, Conv2d c, Shape in,
                                  String input, boolean onednn) {
        int groups = c.groups();
        if (groups == 1) {
            g.addLayer(id, conv(c, onednn), input);
            return id;
        }
        if (groups == in.channels()) {
            // one group per input channel is a depthwise conv with multiplier out/in
            g.addLayer(id, depthwise(c.kernel(), c.stride(), c.padding(), c.dilation(), c.outChannels() / groups,
                    c.bias(), onednn), input);
            return id;
        }
        // DL4J 1.0.0-M2 has no grouped convolution, and its SubsetVertex mis-reports CNN output types
        // (width 0), so a split-convolve-concat emulation does not build; refuse rather than approximate
        throw new ArchitectureException("node '" + id + "' (conv2d): field 'groups' = " + groups
                + " cannot be built in DL4J 1.0.0-M2 (allowed: 1, or the input channels " + in.channels() + ")");
    }

    private static ConvolutionLayer conv(Conv2d c, boolean onednn) {
        ConvolutionLayer.Builder b = new ConvolutionLayer.Builder(c.kernel().h(), c.kernel().w())
                .nOut(c.outChannels())
                .stride(c.stride().h(), c.stride().w())
                .padding(c.padding().h(), c.padding().w())
                .dilation(c.dilation().h(), c.dilation().w())
                .hasBias(c.bias())
                .activation(org.nd4j.linalg.activations.Activation.IDENTITY);
        return onednn ? new OneDnnConvolution(b) : b.build();
    }

    private static DepthwiseConvolution2D depthwise(Size2 kernel, Size2 stride, Size2 padding, Size2 dilation,
                                                    int multiplier, boolean bias, boolean onednn) {
        DepthwiseConvolution2D.Builder b = new DepthwiseConvolution2D.Builder(kernel.h(), kernel.w())
                .depthMultiplier(multiplier)
                .stride(stride.h(), stride.w())
                .padding(padding.h(), padding.w());
        b.dilation(dilation.h(), dilation.w());
        b.hasBias(bias);
        b.activation(org.nd4j.linalg.activations.Activation.IDENTITY);
        return onednn ? new OneDnnDepthwiseConvolution(b) : b.build();
    }
}
