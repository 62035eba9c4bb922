package io.hwnas.proxy;

import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.PoolKind;
import io.hwnas.data.DataSettings;
import io.hwnas.data.DatasetCache;
import io.hwnas.data.FashionMnist;
import io.hwnas.data.ImageDataset;
import io.hwnas.space.ActivationSpace;
import io.hwnas.space.Choice;
import io.hwnas.space.ConvStage;
import io.hwnas.space.ImageInput;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The nets and data the proxy tests share: examples/quickstart.yaml's space and real Fashion-MNIST. */
final class ProxyNets {
    /** Every activation the IR knows, so a test can put any of them at either site. */
    static final List<ActivationType> ACTIVATIONS = List.of(ActivationType.values());

    private ProxyNets() {
    }

    /** examples/quickstart.yaml's two-stage CNN (16 then 32 channels, 3×3 conv → BN → act → 2×2 max pool, flatten). */
    static Architecture quickstart(ActivationType first, ActivationType second, double width0, double width1) {
        ActivationSpace space = new ActivationSpace(new ImageInput(1, 28, 28), 10,
                List.of(new ConvStage(16, 1, 3, PoolKind.MAX), new ConvStage(32, 1, 3, PoolKind.MAX)),
                ActivationSpace.Head.FLATTEN, ACTIVATIONS, List.of(0.5, 1.0));
        return space.decode(Choice.of(ACTIVATIONS.indexOf(first), ACTIVATIONS.indexOf(second), width0 == 0.5 ? 0 : 1,
                width1 == 0.5 ? 0 : 1));
    }

    static Architecture quickstart(ActivationType act) {
        return quickstart(act, act, 1.0, 1.0);
    }

    /** 512 real training images (the minibatches are drawn from these). */
    static ImageDataset images() {
        assumeTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIRECTORY)), "Fashion-MNIST not installed");
        return DatasetCache.get(new DataSettings(FashionMnist.DEFAULT_DIRECTORY, 512, 64, 0, 11)).train();
    }
}
