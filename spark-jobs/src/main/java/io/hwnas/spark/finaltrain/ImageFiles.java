package io.hwnas.spark.finaltrain;

import io.hwnas.data.FashionMnist;
import io.hwnas.data.ImageDataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The whole training or test file of a dataset directory, read once per JVM: every executor loads
 * the images itself (from a local path or any Hadoop URI) instead of the driver shipping them, and
 * all the minibatch tasks of a run on one executor share one copy.
 */
public final class ImageFiles {
    private record Key(String directory, boolean test) {
    }

    private static final Map<Key, ImageDataset> LOADED = new ConcurrentHashMap<>();

    private ImageFiles() {
    }

    /** The {@code train-*} files of {@code directory}. */
    public static ImageDataset training(String directory) {
        return get(new Key(directory, false));
    }

    /** The {@code t10k-*} files of {@code directory}. */
    public static ImageDataset test(String directory) {
        return get(new Key(directory, true));
    }

    private static ImageDataset get(Key key) {
        return LOADED.computeIfAbsent(key, k -> {
            try {
                return k.test() ? FashionMnist.readTest(k.directory()) : FashionMnist.readTraining(k.directory());
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        });
    }
}
