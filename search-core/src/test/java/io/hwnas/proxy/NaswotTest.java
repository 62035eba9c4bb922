package io.hwnas.proxy;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.zoo.ReferenceNetworks;
import io.hwnas.data.ImageDataset;
import io.hwnas.dl4j.GraphBuilder;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** NASWOT on real untrained DL4J nets and real Fashion-MNIST minibatches. */
class NaswotTest {
    private static final ProxySettings NASWOT = new ProxySettings(List.of("naswot"), 64);
    private static ImageDataset images;

    @BeforeAll
    static void load() {
        images = ProxyNets.images();
    }

    private static double naswot(Architecture arch, long seed) {
        return ProxyScorer.score(arch, images, NASWOT, seed).get("naswot");
    }

    @Test
    void finiteDeterministicAndSensitiveToSeedAndNet() {
        Architecture relu = ProxyNets.quickstart(ActivationType.RELU);
        double first = naswot(relu, 7);
        assertTrue(Double.isFinite(first), "NASWOT " + first);
        // a non-singular 64×64 integer kernel has det >= 1; with ~19k units it is far larger
        assertTrue(first > 0, "NASWOT " + first);
        assertEquals(first, naswot(relu, 7), 0.0, "same net, same seed");
        assertNotEquals(first, naswot(relu, 8), "another seed draws other weights and images");
        assertNotEquals(first, naswot(ProxyNets.quickstart(ActivationType.SILU), 7), "another net");
        double resnet = naswot(ReferenceNetworks.byName("resnet18_mini"), 7);
        assertTrue(Double.isFinite(resnet) && resnet > 0, "resnet18_mini NASWOT " + resnet);
    }

    @Test
    void codesComeFromPreActivations() {
        // a sigmoid's output is always > 0: codes taken after it would all be 1 and the kernel singular
        double sigmoid = naswot(ProxyNets.quickstart(ActivationType.SIGMOID), 7);
        assertTrue(Double.isFinite(sigmoid), "sigmoid net NASWOT " + sigmoid);
    }

    @Test
    void outputAboveFOfZeroIsThePreActivationSignForEveryActivation() {
        float[] x = {-6, -3.5f, -1, -1e-3f, -1e-6f, 0, 1e-6f, 1e-3f, 1, 3.5f, 6, 7};
        for (ActivationType t : ActivationType.values()) {
            if (!t.isNonLinear()) {
                continue;
            }
            IActivation f = Naswot.activation(GraphBuilder.build(ProxyNets.quickstart(t), 1, 1e-3), "s0.c0.act");
            double zero = Naswot.atZero(f);
            INDArray out = f.getActivation(Nd4j.create(x, new long[] {1, x.length}), false);
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i] > 0, out.getDouble(i) > zero, t + " at " + x[i]);
            }
        }
    }

    @Test
    void aNetWithoutNonLinearitiesScoresMinusInfinity() {
        Architecture linear = ProxyNets.quickstart(ActivationType.IDENTITY);
        assertEquals(0, ProxyScorer.nonlinearUnits(linear));
        assertEquals(Double.NEGATIVE_INFINITY, naswot(linear, 7));
    }

    @Test
    void batchOfTwoIsEnoughAndTheKernelIsBatchSized() {
        double two = ProxyScorer.score(ProxyNets.quickstart(ActivationType.RELU), images,
                new ProxySettings(List.of("naswot"), 2), 7).get("naswot");
        // 2×2 kernel [[U, a], [a, U]] with U = 18,816 units: log det <= 2 log U
        assertTrue(two > 0 && two <= 2 * Math.log(18_816) + 1e-9, "NASWOT at batch 2: " + two);
    }
}
