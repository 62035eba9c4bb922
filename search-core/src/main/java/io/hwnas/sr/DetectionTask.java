package io.hwnas.sr;

import java.io.Serializable;

/**
 * The detection task's settings (docs/detection.md): networks find and classify Fashion-MNIST items on composed
 * canvases (docs/detection-dataset.md). The sweep's {@code data} section gives the rest: its {@code path}, and its
 * {@code trainSamples}, {@code validationSamples} and {@code seed} are the training and validation canvases and the
 * canvas seed. It lives beside {@link Task} so that the task types stay in one package.
 *
 * @param canvasSize side of the square one-channel canvas, pixels: a multiple of 16 in 32..1024
 */
public record DetectionTask(int canvasSize) implements Serializable {

    public static final int DEFAULT_CANVAS = 96;

    public DetectionTask {
        if (canvasSize < 32 || canvasSize > 1024 || canvasSize % 16 != 0) {
            throw new IllegalArgumentException("field 'task.canvasSize' = " + canvasSize
                    + " must be a multiple of 16 in 32..1024");
        }
    }
}
