package io.hwnas.spark.config;

import io.hwnas.io.HadoopConfigurations;
import io.hwnas.data.DataSettings;
import io.hwnas.data.DatasetCache;
import io.hwnas.data.FashionMnist;
import io.hwnas.dl4j.DetectionDatasets;
import io.hwnas.sr.DetectionTask;
import io.hwnas.sr.SrDataset;
import io.hwnas.io.StrictYaml;
import io.hwnas.space.SpaceCapability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Reads and fully validates a sweep config before any Spark work: the YAML binding, the device
 * names, the search goal and strategy settings ({@link SweepPlan}), and that the dataset can be read with the requested subset sizes (which also warms the
 * driver's dataset cache, so local-mode executors reuse it).
 */
public final class SweepConfigLoader {
    /** What to do about a super-resolution image directory that is not there. */
    private static final String IMAGES_FIX = "point it at a directory of photographs (the examples' come with "
            + "apt-get install -y python3-skimage) or of Fashion-MNIST's IDX files";
    /** What to do about a dataset directory that is not there. */
    private static final String DATA_FIX = "point it at a directory of Fashion-MNIST's IDX files (or install them: "
            + FashionMnist.INSTALL_COMMAND + ")";

    private SweepConfigLoader() {
    }

    public static SweepConfig load(Path file) {
        return parse(read(file), file.toString());
    }

    /** Reads, validates and resolves a config file once, for callers that go on to run it. */
    public static SweepPlan loadPlan(Path file) {
        return plan(read(file), file.toString());
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such config file", e);
        } catch (IOException e) {
            // file system exceptions often carry only the path as their message
            throw new ConfigException(file + ": cannot read the config file (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
    }

    /** Binds and validates config text; {@code source} names it in error messages. */
    public static SweepConfig parse(String text, String source) {
        return plan(text, source).config();
    }

    /**
     * Binds, validates and resolves config text (cost models, goal, a tabular space's table, read
     * relative to the directory of the config file {@code source}).
     */
    public static SweepPlan plan(String text, String source) {
        return plan(text, source, UnaryOperator.identity());
    }

    /**
     * Like {@link #plan(String, String)} with the parsed config changed first (a nightly run's output
     * root), so it is resolved once: cost models and a tabular table are loaded a single time.
     */
    public static SweepPlan plan(String text, String source, UnaryOperator<SweepConfig> adjust) {
        return validate(adjust.apply(bind(text, source)), source);
    }

    /**
     * Binds config text read from the file {@code source} (unvalidated beyond the binding), with the
     * files its space names resolved against that file's directory.
     */
    public static SweepConfig bind(String text, String source) {
        return StrictYaml.read(text, SweepConfig.class, source).relativeTo(source);
    }

    static SweepPlan validate(SweepConfig config, String source) {
        // the config's own S3 endpoint or credentials must reach the checks below, before Spark starts
        HadoopConfigurations.useSparkSettings(config.hadoopSettings());
        SweepPlan plan = SweepPlan.of(config, source);
        StorageLocation.checkWritable(source + ": field 'output'", config.output());
        if (!config.space().has(SpaceCapability.NETWORKS)) {
            return plan; // a tabular sweep reads no images
        }
        if (config.task().isSuperResolution()) {
            checkImages(source, config.data(), config.task().superResolution().scale());
        } else if (config.task().isDetection()) {
            checkCanvases(source, config.data(), config.task().detection());
        } else {
            checkData(source, config.data());
        }
        return plan;
    }

    /** The super-resolution images a config names are there and readable; warms the driver's image cache. */
    private static void checkImages(String source, DataSettings data, int scale) {
        StorageLocation.checkReadable(source + ": field 'data.path'", data.path(), true, IMAGES_FIX);
        try {
            SrDataset.get(data, scale);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new ConfigException(source + ": field 'data': " + e.getMessage(), e);
        }
    }

    /** The detection task's source items are there and readable; warms the driver's canvas source. */
    private static void checkCanvases(String source, DataSettings data, DetectionTask task) {
        StorageLocation.checkReadable(source + ": field 'data.path'", data.path(), true, DATA_FIX);
        try {
            DetectionDatasets.get(data, task);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new ConfigException(source + ": field 'data': " + e.getMessage(), e);
        }
    }

    /** The dataset a config names is there and readable (sweeps and HANT alike). */
    static void checkData(String source, DataSettings data) {
        StorageLocation.checkReadable(source + ": field 'data.path'", data.path(), true, DATA_FIX);
        try {
            DatasetCache.get(data);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new ConfigException(source + ": field 'data': " + e.getMessage(), e);
        }
    }
}
