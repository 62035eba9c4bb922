package io.hwnas.dl4j;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.zoo.Yolos;
import io.hwnas.data.DataSettings;
import io.hwnas.detection.DetectionDataSettings;
import io.hwnas.detection.DetectionDataset;
import io.hwnas.sr.DetectionTask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The detection canvases of a sweep, composed once per JVM (an executor evaluates many candidates on the same
 * canvases): the dataset card's default composition at the task's canvas size, from {@code data.path} with
 * {@code data.seed}; {@code data.trainSamples} training and {@code data.validationSamples} validation canvases.
 */
public final class DetectionDatasets {

    private static final Map<List<Object>, DetectionCanvases> LOADED = new ConcurrentHashMap<>();

    private DetectionDatasets() {
    }

    public static DetectionDataSettings settings(DataSettings data, DetectionTask task) {
        DetectionDataSettings d = DetectionDataSettings.defaults();
        return new DetectionDataSettings(data.path(), task.canvasSize(), d.minObjects(), d.maxObjects(),
                d.minObjectSize(), d.maxObjectSize(), d.maxCovered(), d.backgroundContrast(), d.validationItems(),
                data.seed());
    }

    /**
     * The head a sweep's detector trains with when no canvases are at hand (final training's graph, export): the
     * natural ten classes, anchors over the composition's object sizes, as {@link DetectionTrainer#head} gives on
     * the sweep's canvases.
     */
    public static YoloHead head(Architecture arch) {
        DetectionDataSettings d = DetectionDataSettings.defaults();
        return YoloHead.of(arch, Yolos.NATURAL_CLASSES, d.minObjectSize(), d.maxObjectSize());
    }

    public static DetectionCanvases get(DataSettings data, DetectionTask task) {
        return LOADED.computeIfAbsent(List.of(data, task), key -> {
            try {
                return DetectionCanvases.compose(DetectionDataset.load(settings(data, task)), data.trainSamples(),
                        data.validationSamples());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the Fashion-MNIST files under " + data.path(), e);
            }
        });
    }
}
