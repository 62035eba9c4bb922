package io.hwnas.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One loaded split per JVM and settings: executors read the files once, not once per task.
 */
public final class DatasetCache {
    private static final Map<DataSettings, DatasetSplit> LOADED = new ConcurrentHashMap<>();

    private DatasetCache() {
    }

    public static DatasetSplit get(DataSettings settings) {
        return LOADED.computeIfAbsent(settings, s -> {
            try {
                return FashionMnist.load(s.path(), s.toSplitSpec());
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        });
    }
}
