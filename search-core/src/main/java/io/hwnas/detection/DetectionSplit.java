package io.hwnas.detection;

/**
 * Which source items a canvas is made of: training and validation canvases use disjoint parts of Fashion-MNIST's
 * training file, test canvases its test file, so no item is seen in two splits.
 */
public enum DetectionSplit {
    TRAIN, VALIDATION, TEST
}
