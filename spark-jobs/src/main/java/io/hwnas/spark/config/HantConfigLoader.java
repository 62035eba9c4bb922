package io.hwnas.spark.config;

import io.hwnas.cost.CostModel;
import io.hwnas.hant.ChainNetwork;
import io.hwnas.hant.CostTable;
import io.hwnas.hw.spec.CostModels;
import io.hwnas.io.StrictYaml;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads and fully validates a HANT config before any Spark work: the YAML binding, the device, the dataset
 * with the requested subset sizes, and that every explicit budget admits at least one net (latencies come
 * from the cost model alone, so this needs no training).
 */
public final class HantConfigLoader {
    private HantConfigLoader() {
    }

    public static HantConfig load(Path file) {
        return parse(SweepConfigLoader.read(file), file.toString());
    }

    /** Binds and validates config text; {@code source} names it in error messages. */
    public static HantConfig parse(String text, String source) {
        HantConfig config = StrictYaml.read(text, HantConfig.class, source);
        CostModel model;
        try {
            model = CostModels.resolve(config.device());
        } catch (RuntimeException e) {
            throw new ConfigException(source + ": field 'device' = '" + config.device() + "': " + e.getMessage(), e);
        }
        StorageLocation.checkWritable(source + ": field 'output'", config.output());
        SweepConfigLoader.checkData(source, config.data());
        CostTable costs = CostTable.of(new ChainNetwork(config.teacher()), config.alternatives(), model);
        List<Double> budgets = config.budgets().resolve(costs.cheapestMs(), costs.teacherMs());
        for (int i = 0; i < budgets.size(); i++) {
            if (budgets.get(i) < costs.cheapestMs()) {
                throw new ConfigException(String.format("%s: %s asks for %.6f ms, below the fastest net the "
                        + "alternatives allow on %s (%.6f ms; the teacher takes %.6f ms); allowed: budgets >= %.6f ms, "
                        + "i.e. fractions >= %.4f", source, config.budgets().describe(i), budgets.get(i), model.device(),
                        costs.cheapestMs(), costs.teacherMs(), costs.cheapestMs(), costs.cheapestMs() / costs.teacherMs()));
            }
        }
        return config;
    }
}
