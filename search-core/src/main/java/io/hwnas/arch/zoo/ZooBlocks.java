package io.hwnas.arch.zoo;

import io.hwnas.arch.Activation;
import io.hwnas.arch.ActivationType;
import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureBuilder;
import io.hwnas.arch.BatchNorm;
import io.hwnas.arch.Dense;
import io.hwnas.arch.Dropout;
import io.hwnas.arch.GlobalPool;
import io.hwnas.arch.Layer;

/** The conv–BN–activation and classifier pieces every reference family shares. */
final class ZooBlocks {

    private ZooBlocks() {
    }

    /**
     * conv (no bias: the following BN's β makes it redundant, as in torchvision) → BN → optional
     * activation, reading {@code from}; the BN and activation ids hang under the conv's id.
     *
     * @return the id of the last node added
     */
    static String convBn(ArchitectureBuilder b, String from, String id, Layer conv, ActivationType act) {
        return convBn(b, from, id, conv, BatchNorm.standard(), act);
    }

    /** The same with a given batch-norm (torchvision's MobileNetV3 sets eps and momentum). */
    static String convBn(ArchitectureBuilder b, String from, String id, Layer conv, BatchNorm bn, ActivationType act) {
        b.addFrom(id, conv, from);
        b.add(id + ".bn", bn);
        if (act != null) {
            b.add(id + "." + act.id(), new Activation(act));
        }
        return b.last();
    }

    /** Global average pool → optional dropout → fc with bias, continuing from the last node. */
    static Architecture classifier(ArchitectureBuilder b, double dropout, int numClasses) {
        return classifier(b, 0, null, dropout, numClasses);
    }

    /**
     * Global average pool → [fc {@code hidden} → {@code act}, MobileNetV3's hidden layer, when hidden > 0] →
     * optional dropout → fc with bias.
     */
    static Architecture classifier(ArchitectureBuilder b, int hidden, ActivationType act, double dropout,
                                   int numClasses) {
        b.add("avgpool", GlobalPool.avg());
        if (hidden > 0) {
            b.add("fc1", Dense.of(hidden));
            b.add("fc1." + act.id(), new Activation(act));
        }
        if (dropout > 0) {
            b.add("dropout", new Dropout(dropout));
        }
        return b.add("fc", Dense.of(numClasses)).build();
    }
}
