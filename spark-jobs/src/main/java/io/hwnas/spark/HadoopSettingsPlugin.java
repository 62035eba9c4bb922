package io.hwnas.spark;

import io.hwnas.io.HadoopConfigurations;
import org.apache.spark.api.plugin.DriverPlugin;
import org.apache.spark.api.plugin.ExecutorPlugin;
import org.apache.spark.api.plugin.PluginContext;
import org.apache.spark.api.plugin.SparkPlugin;
import scala.Tuple2;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Gives every executor the application's {@code spark.hadoop.*} settings for the readers that open Hadoop files
 * themselves (datasets, through {@link HadoopConfigurations}): Spark applies them to its own Hadoop configuration
 * only, and an executor JVM does not get them as system properties the way spark-submit's driver does.
 */
public final class HadoopSettingsPlugin implements SparkPlugin {

    @Override
    public DriverPlugin driverPlugin() {
        return null;
    }

    @Override
    public ExecutorPlugin executorPlugin() {
        return new ExecutorPlugin() {
            @Override
            public void init(PluginContext context, Map<String, String> extraConf) {
                HadoopConfigurations.useSparkSettings(Arrays.stream(context.conf().getAllWithPrefix("spark.hadoop."))
                        .collect(Collectors.toMap(Tuple2::_1, Tuple2::_2)));
            }
        };
    }
}
