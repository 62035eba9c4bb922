package io.hwnas.dl4j;

import io.hwnas.arch.ActivationType;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/** The DL4J implementation of each IR activation. */
final class Activations {
    /** PyTorch's nn.LeakyReLU default slope, so nets ported from it behave the same. */
    static final double LEAKY_RELU_SLOPE = 0.01;

    private Activations() {
    }

    static IActivation of(ActivationType type) {
        return switch (type) {
            case RELU -> new ActivationReLU();
            case RELU6 -> new ActivationReLU6();
            case LEAKY_RELU -> new ActivationLReLU(LEAKY_RELU_SLOPE);
            case SILU -> new ActivationSwish();
            case HARD_SWISH -> new HardSwish();
            case SIGMOID -> new ActivationSigmoid();
            case HARD_SIGMOID -> new HardSigmoid();
            case TANH -> new ActivationTanH();
            case GELU -> new GeluErf();
            case IDENTITY -> new ActivationIdentity();
        };
    }
}
