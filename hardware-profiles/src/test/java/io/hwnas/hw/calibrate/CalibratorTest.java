package io.hwnas.hw.calibrate;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.PoolKind;
import io.hwnas.hw.AnalyticalCostModel;
import io.hwnas.hw.DeviceProfile;
import io.hwnas.hw.DeviceProfiles;
import io.hwnas.hw.OpClass;
import io.hwnas.hw.Overheads;
import io.hwnas.space.ActivationSpace;
import io.hwnas.space.Choice;
import io.hwnas.space.ConvStage;
import io.hwnas.space.ImageInput;
import io.hwnas.space.Sampling;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibratorTest {

    /** Three conv stages with varied widths, max and average pooling and every activation. */
    static final ActivationSpace SPACE = new ActivationSpace(new ImageInput(1, 28, 28), 10,
            List.of(new ConvStage(16, 2, 3, PoolKind.MAX), new ConvStage(32, 1, 3, PoolKind.AVG),
                    new ConvStage(64, 1, 3, PoolKind.MAX)),
            ActivationSpace.Head.GLOBAL_AVG, List.of(ActivationType.RELU, ActivationType.RELU6,
                    ActivationType.LEAKY_RELU, ActivationType.SILU, ActivationType.HARD_SWISH, ActivationType.TANH),
            List.of(0.25, 0.5, 0.75, 1.0));

    static List<Architecture> sample(int count, long seed) {
        return CalibrationNetworks.sample(new ImageInput(1, 28, 28), 10, count, seed);
    }

    static List<Measurement> measuredBy(AnalyticalCostModel truth, List<Architecture> archs, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return archs.stream().map(a -> Measurement.of(a,
                truth.estimate(a).latencySeconds() * (1 + noise * (2 * rng.nextDouble() - 1)))).toList();
    }

    @Test
    void recoversKnownFactorsFromSyntheticMeasurements() {
        DeviceProfile prior = DeviceProfiles.load("host-cpu");
        DeviceProfile truth = prior.withSource("activations.elementsPerCycle", "estimate: test truth")
                .with(prior.compute().withEfficiency(OpClass.CONV_3X3, 0.12).withEfficiency(OpClass.POOLING, 0.02))
                .with(prior.memory().withBandwidths(5e9, prior.memory().weightBandwidthBytesPerSecond()))
                .with(prior.overheads().withPerLayerSeconds(35e-6).withPerInferenceSeconds(120e-6))
                .with(prior.activations().withElementsPerCycle(ActivationType.SILU, 0.1)
                        .withElementsPerCycle(ActivationType.TANH, 0.08));
        List<Measurement> train = measuredBy(new AnalyticalCostModel(truth), sample(40, 1), 0, 0);

        Calibration c = new Calibrator("synthetic test measurements").fit(prior, train);

        // MAC-heavy groups and the overheads are identifiable and come back within a few per cent (the
        // roofline's max() makes the fit piecewise linear); element-wise groups are not fully: an activation's
        // compute and its memory traffic both grow with its elements, so the fit may trade one for the other.
        // It must still find the slow activations slow.
        DeviceProfile fitted = c.profile();
        assertEquals(0.12, fitted.compute().efficiency(OpClass.CONV_3X3), 0.12 * 0.02);
        // every conv here is followed by a BN and an activation, and every net has one classifier: those groups'
        // overheads can only be told apart in sums, which must come back
        for (String conv : List.of("conv3x3", "pointwise", "conv5x5")) {
            Overheads o = fitted.overheads();
            assertEquals(3 * 35e-6, o.layerSeconds(conv) + o.layerSeconds("batch_norm") + o.layerSeconds("activation"),
                    3 * 35e-6 * 0.05, conv);
        }
        assertEquals(35e-6, fitted.overheads().layerSeconds("pooling"), 35e-6 * 0.05);
        assertEquals(120e-6 + 35e-6, fitted.overheads().perInferenceSeconds() + fitted.overheads().layerSeconds("dense"),
                155e-6 * 0.05);
        double relu = fitted.activations().elementsPerCycle(ActivationType.RELU);
        assertTrue(fitted.activations().elementsPerCycle(ActivationType.SILU) < relu / 2, "SiLU slower than ReLU");
        assertTrue(fitted.activations().elementsPerCycle(ActivationType.TANH) < relu / 2, "tanh slower than ReLU");
        assertEquals(prior.compute().efficiency(OpClass.CONV_3X3), c.changes().get("compute.efficiency.conv3x3")[0]);
        assertEquals(fitted.compute().efficiency(OpClass.CONV_3X3), c.changes().get("compute.efficiency.conv3x3")[1]);
        // the space has no depthwise or 1x1 convs: those are not identifiable and keep the prior
        assertTrue(c.notIdentified().contains("compute.efficiency.depthwise"), c.notIdentified().toString());
        assertEquals(prior.compute().efficiency(OpClass.DEPTHWISE), fitted.compute().efficiency(OpClass.DEPTHWISE));
        assertTrue(fitted.source("compute.efficiency.conv3x3").orElseThrow().startsWith("calibrated"));
        assertTrue(fitted.isEstimate("compute.efficiency.depthwise"));

        PredictionAccuracy heldOut = PredictionAccuracy.of(new AnalyticalCostModel(fitted),
                measuredBy(new AnalyticalCostModel(truth), sample(30, 2), 0, 0));
        assertTrue(heldOut.mape() < 0.01, heldOut.toString());
        assertEquals(1.0, heldOut.within10());
        assertTrue(heldOut.kendallTau() > 0.98, heldOut.toString());
    }

    @Test
    void noisyMeasurementsStillCalibrateCloseToTheTruth() {
        DeviceProfile prior = DeviceProfiles.load("host-cpu");
        DeviceProfile truth = prior.withSource("overheads.layerGroupSeconds", "estimate: test")
                .with(prior.compute().withEfficiency(OpClass.CONV_3X3, 0.2))
                .with(prior.overheads().withPerLayerSeconds(30e-6).withLayerGroupSeconds("batch_norm", 300e-6));
        AnalyticalCostModel truthModel = new AnalyticalCostModel(truth);
        Calibration c = new Calibrator("noisy test").fit(prior, measuredBy(truthModel, sample(40, 3), 0.05, 9));
        assertEquals(0.2, c.profile().compute().efficiency(OpClass.CONV_3X3), 0.02);
        PredictionAccuracy heldOut = PredictionAccuracy.of(new AnalyticalCostModel(c.profile()),
                measuredBy(truthModel, sample(30, 4), 0, 0));
        assertTrue(heldOut.within10() == 1.0 && heldOut.kendallTau() > 0.9, heldOut.toString());
        // the prior is far off: calibration is what makes the estimates usable
        PredictionAccuracy before = PredictionAccuracy.of(new AnalyticalCostModel(prior),
                measuredBy(truthModel, sample(30, 4), 0, 0));
        assertTrue(before.mape() > 4 * heldOut.mape(), before + " vs " + heldOut);
    }

    @Test
    void accuracyMetricsFollowTheirDefinitions() {
        PredictionAccuracy a = PredictionAccuracy.of(new double[] {1.05, 2.5, 2.9, 4.0}, new double[] {1, 2, 3, 4});
        assertEquals((0.05 + 0.25 + 1.0 / 30 + 0) / 4, a.mape(), 1e-12);
        assertEquals(0.75, a.within10());
        assertEquals(1.0, a.kendallTau(), 1e-12);
        assertEquals(0.25, a.maxError(), 1e-12);
        PredictionAccuracy reversed = PredictionAccuracy.of(new double[] {4, 3, 2, 1}, new double[] {1, 2, 3, 4});
        assertEquals(-1.0, reversed.kendallTau(), 1e-12);
    }

    @Test
    void tooFewMeasurementsAreRefused() {
        DeviceProfile prior = DeviceProfiles.load("host-cpu");
        List<Measurement> two = measuredBy(new AnalyticalCostModel(prior), sample(2, 1), 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Calibrator("x").fit(prior, two));
        assertTrue(e.getMessage().contains("at least 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Measurement.of(sample(1, 1).get(0), -1));
    }

    @Test
    void nonNegativeLeastSquaresKeepsCoefficientsAtZeroWhenTheDataPushBelow() {
        // y = 2·x1 − 1·x2 unconstrained; with x ≥ 0 the second coefficient sticks at 0
        double[][] a = {{1, 0}, {0, 1}, {1, 1}, {2, 1}};
        double[] b = {2, -1, 1, 3};
        double[] x = NonNegativeLeastSquares.solve(a, b);
        assertEquals(0, x[1], 1e-9);
        assertEquals((2 + 1 + 6) / 6.0, x[0], 1e-6, "the 1-D least-squares fit of the rest");
        double[] exact = NonNegativeLeastSquares.solve(new double[][] {{1, 2}, {3, 1}, {1, 1}}, new double[] {5, 5, 3});
        assertEquals(1, exact[0], 1e-6);
        assertEquals(2, exact[1], 1e-6);
    }

    @Test
    void calibrationNetworksAreSeededAndVaried() {
        List<Architecture> a = sample(20, 7);
        assertEquals(a, sample(20, 7));
        assertTrue(a.stream().map(n -> n.nodes().size()).distinct().count() > 5, "depths must vary");
        assertTrue(a.stream().map(Architecture::fingerprint).distinct().count() == 20);
    }

    @Test
    void aFixedDepthSpaceCannotSeparateTheTwoOverheads() {
        // every net of a fixed-depth space has the same layer count: the fit still predicts, but says so
        DeviceProfile prior = DeviceProfiles.load("host-cpu");
        List<Architecture> fixed = Sampling.distinct(SPACE, 30, 1).stream().map(SPACE::decode).toList();
        Calibration c = new Calibrator("fixed depth").fit(prior, measuredBy(new AnalyticalCostModel(prior), fixed, 0, 0));
        assertTrue(c.fit().mape() < 1e-6, c.fit().toString());
        assertTrue(c.notIdentified().contains("overheads.layerGroupSeconds.conv3x3"), c.notIdentified().toString());
    }
}
