package io.hwnas.proxy;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.data.ImageDataset;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProxyScorerTest {

    @Test
    void nonlinearUnitsCountActivationOutputsByHand() {
        // stage 0: C0 × 28 × 28 at its activation, then pool; stage 1: C1 × 14 × 14
        assertEquals(16 * 784 + 32 * 196, ProxyScorer.nonlinearUnits(ProxyNets.quickstart(ActivationType.RELU)));
        assertEquals(8 * 784 + 32 * 196, ProxyScorer.nonlinearUnits(
                ProxyNets.quickstart(ActivationType.SILU, ActivationType.SILU, 0.5, 1.0)));
        assertEquals(8 * 784 + 16 * 196, ProxyScorer.nonlinearUnits(
                ProxyNets.quickstart(ActivationType.RELU6, ActivationType.RELU6, 0.5, 0.5)));
        // an identity site is not a non-linearity
        assertEquals(32 * 196, ProxyScorer.nonlinearUnits(
                ProxyNets.quickstart(ActivationType.IDENTITY, ActivationType.RELU, 1.0, 1.0)));
    }

    @Test
    void allProxiesInTheConfiguredOrder() {
        ImageDataset images = ProxyNets.images();
        Architecture arch = ProxyNets.quickstart(ActivationType.RELU, ActivationType.SILU, 0.5, 1.0);
        List<String> names = List.of("nonlinear_units", "grad_norm", "synflow", "naswot");
        Map<String, Double> scores = ProxyScorer.score(arch, images, new ProxySettings(names, 64), 3);
        assertEquals(names, List.copyOf(scores.keySet()));
        assertEquals(8 * 784 + 32 * 196, scores.get("nonlinear_units"));
        scores.values().forEach(v -> assertTrue(Double.isFinite(v), scores.toString()));
        // NASWOT reads batch-norm running statistics that grad_norm's training pass moves, so it must
        // not depend on whether grad_norm was asked for too
        assertEquals(scores.get("naswot"),
                ProxyScorer.score(arch, images, new ProxySettings(List.of("naswot"), 64), 3).get("naswot"), 0.0);
        assertTrue(ProxyScorer.score(arch, images, ProxySettings.none(), 3).isEmpty());
    }

    @Test
    void minibatchIsSeededAndDistinct() {
        int[] a = ProxyScorer.minibatch(100, 64, 1);
        assertEquals(64, Arrays.stream(a).distinct().count());
        assertTrue(Arrays.stream(a).allMatch(i -> i >= 0 && i < 100));
        assertEquals(Arrays.toString(a), Arrays.toString(ProxyScorer.minibatch(100, 64, 1)));
        assertTrue(!Arrays.equals(a, ProxyScorer.minibatch(100, 64, 2)));
    }

    @Test
    void badInputNamesFieldValueAndWhatIsAllowed() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new ProxySettings(List.of("naswot", "zen"), 64));
        assertEquals("unknown proxy 'zen'; known: [naswot, synflow, grad_norm, nonlinear_units]", unknown.getMessage());
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> ProxyScorer.minibatch(50, 64, 1));
        assertEquals("field 'proxies.batchSize' = 64 exceeds the 50 training images the minibatch is drawn from "
                + "(allowed: at most 50)", tooBig.getMessage());
    }
}
