package io.hwnas.io;

import org.apache.hadoop.conf.Configuration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Hadoop configuration hwnas uses wherever no SparkContext hands it one (config checks before Spark starts,
 * commands that only read a run, datasets read inside tasks): Hadoop's own resources (core-site.xml, ...) plus the
 * {@code spark.hadoop.*} settings of this JVM, as Spark builds its own. A driver started by spark-submit sees them as
 * system properties; an executor is given them once by the driver's Spark configuration ({@link #useSparkSettings}),
 * so an {@code s3a://} endpoint or credentials passed as {@code --conf spark.hadoop.fs.s3a.*} reach every reader.
 */
public final class HadoopConfigurations {
    private static final String SPARK_PREFIX = "spark.hadoop.";
    private static final Map<String, String> SPARK_SETTINGS = new ConcurrentHashMap<>();

    private HadoopConfigurations() {
    }

    /** A new configuration with every {@code spark.hadoop.*} setting known to this JVM, without the prefix. */
    public static Configuration create() {
        Configuration conf = new Configuration();
        SPARK_SETTINGS.forEach(conf::set);
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(SPARK_PREFIX))
                .forEach(k -> conf.set(k.substring(SPARK_PREFIX.length()), System.getProperty(k)));
        return conf;
    }

    /**
     * Adds the {@code spark.hadoop.*} settings of a Spark configuration (keys without the prefix, as
     * {@code SparkConf.getAllWithPrefix} gives them) to every later {@link #create()} in this JVM.
     */
    public static void useSparkSettings(Map<String, String> withoutPrefix) {
        SPARK_SETTINGS.putAll(withoutPrefix);
    }
}
