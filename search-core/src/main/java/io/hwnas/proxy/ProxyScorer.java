package io.hwnas.proxy;

import io.hwnas.arch.Architecture;
import io.hwnas.data.ImageDataset;

import java.util.Map;

/** Computes the configured proxies for one architecture on one seeded minibatch. */
public final class ProxyScorer {
    private ProxyScorer() {
    }

    /**
     * @param images the images the minibatch is drawn from (the training subset, never validation)
     * @param seed picks the minibatch and the initial weights, so a candidate's scores are reproducible
     * @return proxy name → score, one entry per configured proxy
     */
    public static Map<String, Double> score(Architecture arch, ImageDataset images, ProxySettings settings, long seed) {
        throw new UnsupportedOperationException("proxies are being implemented");
    }
}
