package io.hwnas.io;

import org.apache.hadoop.conf.Configuration;

import java.util.Map;

/**
 * The Hadoop configuration hwnas uses wherever no SparkContext hands it one (config checks before Spark starts,
 * commands that only read a run, datasets read inside tasks): Hadoop's own resources (core-site.xml, ...) plus the
 * {@code spark.hadoop.*} settings of this JVM, as Spark builds its own. A driver started by spark-submit sees them as
 * system properties; an executor is given them once by the driver's Spark configuration ({@link #useSparkSettings}),
 * so an {@code s3a://} endpoint or credentials passed as {@code --conf spark.hadoop.fs.s3a.*} reach every reader.
 * The settings are those of the configuration in use: a JVM that plans several sweeps one after another (the nightly
 * command, tests) must not carry one config's endpoint or keys into the next, so each call replaces the last.
 */
public final class HadoopConfigurations {
    private static final String SPARK_PREFIX = "spark.hadoop.";
    private static volatile Map<String, String> sparkSettings = Map.of();

    private HadoopConfigurations() {
    }

    /** A new configuration with every {@code spark.hadoop.*} setting known to this JVM, without the prefix. */
    public static Configuration create() {
        Configuration conf = new Configuration();
        sparkSettings.forEach(conf::set);
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(SPARK_PREFIX))
                .forEach(k -> conf.set(k.substring(SPARK_PREFIX.length()), System.getProperty(k)));
        return conf;
    }

    /**
     * Makes the {@code spark.hadoop.*} settings of a Spark configuration (keys without the prefix, as
     * {@code SparkConf.getAllWithPrefix} gives them) those of every later {@link #create()} in this JVM, in place of
     * any earlier ones.
     */
    public static void useSparkSettings(Map<String, String> withoutPrefix) {
        sparkSettings = Map.copyOf(withoutPrefix);
    }
}
