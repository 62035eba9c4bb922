package io.hwnas.dl4j.onednn;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.Conv2d;
import io.hwnas.arch.Dense;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.LayerNorm;
import io.hwnas.arch.Shape;
import io.hwnas.dl4j.GraphBuilder;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * The oneDNN layer norm against its definition (DL4J has none to compare with): per position, over the channels,
 * x̂ = (x − μ)/√(σ² + ε), y = γx̂ + β; dβ = Σ dy, dγ = Σ dy·x̂, dx = (dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂))/√(σ² + ε) with
 * dx̂ = γ·dy; computed here in double on image (channels-last and NCHW inputs) and flat inputs.
 */
class OneDnnLayerNormTest {

    private static final double EPS = 1e-6;

    private static Architecture net() {
        return new ArchitectureBuilder("ln", Shape.image(2, 5, 4))
                .add("conv", Conv2d.same(6, 3, 1))
                .add("ln", new LayerNorm(EPS))
                .add("gp", GlobalPool.avg())
                .add("flat.ln", new LayerNorm(EPS))
                .add("fc", Dense.of(3))
                .build();
    }

    @Test
    void graphHasExactlyTheIrParameters() {
        Architecture arch = net();
        ComputationGraph graph = GraphBuilder.build(arch, 1, 1e-3);
        ArchitectureCounts counts = ArchitectureCounts.of(arch);
        assertEquals(counts.trainableParams() + counts.stateParams(), graph.numParams());
        assertInstanceOf(OneDnnLayerNormLayer.class, graph.getLayer("ln"));
    }

    @Test
    void imageInputMatchesTheDefinitionInEitherLayout() {
        Layer ln = layer("ln");
        randomise(ln, 6);
        INDArray nchw = Nd4j.rand(DataType.FLOAT, 3, 6, 5, 4).muli(3).subi(1);
        check(ln, nchw, 6);
        INDArray channelsLast = Nd4j.rand(DataType.FLOAT, 3, 5, 4, 6).muli(3).subi(1).permute(0, 3, 1, 2);
        check(ln, channelsLast, 6);
    }

    @Test
    void flatInputMatchesTheDefinition() {
        Layer ln = layer("flat.ln");
        randomise(ln, 6);
        check(ln, Nd4j.rand(DataType.FLOAT, 7, 6).muli(3).subi(1), 6);
    }

    /** A layer of a built graph, with its gradient views (set up by the graph's first gradient computation). */
    private static Layer layer(String id) {
        ComputationGraph graph = GraphBuilder.build(net(), 1, 1e-3);
        graph.initGradientsView();
        return graph.getLayer(id);
    }

    private static void randomise(Layer ln, int channels) {
        ln.getParam("gamma").assign(Nd4j.rand(DataType.FLOAT, 1, channels).addi(0.5));
        ln.getParam("beta").assign(Nd4j.rand(DataType.FLOAT, 1, channels).subi(0.5));
    }

    private static void check(Layer ln, INDArray x, int channels) {
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        ln.setInput(x, none);
        INDArray y = ln.activate(true, none);
        INDArray dy = Nd4j.rand(DataType.FLOAT, x.shape()).subi(0.5);
        Pair<Gradient, INDArray> back = ln.backpropGradient(dy, none);

        double[][] rows = rows(x, channels);
        double[][] dyRows = rows(dy, channels);
        double[] gamma = ln.getParam("gamma").toDoubleVector();
        double[] beta = ln.getParam("beta").toDoubleVector();
        double[][] yExpected = new double[rows.length][channels];
        double[][] dxExpected = new double[rows.length][channels];
        double[] dGamma = new double[channels];
        double[] dBeta = new double[channels];
        for (int r = 0; r < rows.length; r++) {
            double mean = 0;
            for (double v : rows[r]) {
                mean += v / channels;
            }
            double var = 0;
            for (double v : rows[r]) {
                var += (v - mean) * (v - mean) / channels;
            }
            double inv = 1 / Math.sqrt(var + EPS);
            double[] xHat = new double[channels];
            double meanDxHat = 0;
            double meanDxHatXHat = 0;
            for (int c = 0; c < channels; c++) {
                xHat[c] = (rows[r][c] - mean) * inv;
                yExpected[r][c] = gamma[c] * xHat[c] + beta[c];
                dBeta[c] += dyRows[r][c];
                dGamma[c] += dyRows[r][c] * xHat[c];
                meanDxHat += gamma[c] * dyRows[r][c] / channels;
                meanDxHatXHat += gamma[c] * dyRows[r][c] * xHat[c] / channels;
            }
            for (int c = 0; c < channels; c++) {
                dxExpected[r][c] = inv * (gamma[c] * dyRows[r][c] - meanDxHat - xHat[c] * meanDxHatXHat);
            }
        }
        assertClose(yExpected, rows(y, channels), "y");
        assertClose(dxExpected, rows(back.getSecond(), channels), "dx");
        assertArrayEquals(dGamma, back.getFirst().getGradientFor("gamma").toDoubleVector(), 1e-4, "d gamma");
        assertArrayEquals(dBeta, back.getFirst().getGradientFor("beta").toDoubleVector(), 1e-4, "d beta");
    }

    /** The vectors layer norm normalises: one per position, of the channels there. */
    private static double[][] rows(INDArray a, int channels) {
        INDArray positions = a.rank() == 4 ? a.permute(0, 2, 3, 1).dup('c') : a.dup('c');
        return positions.reshape('c', a.length() / channels, channels).toDoubleMatrix();
    }

    private static void assertClose(double[][] expected, double[][] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int r = 0; r < expected.length; r++) {
            assertArrayEquals(expected[r], actual[r], 1e-4, what + " row " + r);
        }
    }
}
