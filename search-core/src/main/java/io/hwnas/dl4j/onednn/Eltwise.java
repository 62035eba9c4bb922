package io.hwnas.dl4j.onednn;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

import java.util.Optional;

import static org.bytedeco.dnnl.global.dnnl.algorithm;

/** A oneDNN element-wise algorithm with its alpha and beta, as oneDNN defines them. */
record Eltwise(algorithm kind, float alpha, float beta) {

    /** The oneDNN form of a DL4J activation, or empty when oneDNN has none (the layer then uses DL4J's). */
    static Optional<Eltwise> of(IActivation activation) {
        Eltwise e;
        if (activation instanceof ActivationReLU) {
            e = new Eltwise(algorithm.eltwise_relu, 0, 0);
        } else if (activation instanceof ActivationLReLU l) {
            e = new Eltwise(algorithm.eltwise_relu, (float) l.getAlpha(), 0);
        } else if (activation instanceof ActivationReLU6) {
            e = new Eltwise(algorithm.eltwise_clip_v2, 0, 6);
        } else if (activation instanceof ActivationSwish) {
            e = new Eltwise(algorithm.eltwise_swish, 1, 0);
        } else if (activation instanceof ActivationSigmoid) {
            e = new Eltwise(algorithm.eltwise_logistic, 0, 0);
        } else if (activation instanceof ActivationTanH) {
            e = new Eltwise(algorithm.eltwise_tanh, 0, 0);
        } else if (activation instanceof EltwiseActivation own) {
            e = new Eltwise(own.oneDnnAlgorithm(), 0, 0);
        } else if (activation instanceof ActivationIdentity) {
            e = new Eltwise(algorithm.eltwise_linear, 1, 0);
        } else {
            e = null;
        }
        return Optional.ofNullable(e);
    }
}
