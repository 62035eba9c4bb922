package io.hwnas.spark;

import io.hwnas.io.HadoopConfigurations;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The executors' Hadoop settings: a {@code spark.hadoop.*} entry that exists only in the Spark configuration (as on
 * an executor, which gets no system properties) reaches {@link HadoopConfigurations} once an executor has started.
 */
class HadoopSettingsPluginTest {

    @Test
    void hwnasJoinsTheUsersPluginsOnce() {
        assertEquals(HadoopSettingsPlugin.class.getName(), Sessions.withDefaults(new SparkConf(false)).get(Sessions.PLUGINS));
        SparkConf user = new SparkConf(false).set(Sessions.PLUGINS, "com.example.Plugin");
        String expected = "com.example.Plugin," + HadoopSettingsPlugin.class.getName();
        assertEquals(expected, Sessions.withDefaults(user).get(Sessions.PLUGINS));
        assertEquals(expected, Sessions.withDefaults(user).get(Sessions.PLUGINS), "added once");
    }

    @Test
    void anExecutorGetsTheSparkHadoopSettings() {
        String key = "hwnas.test.plugin-probe";
        assertNull(HadoopConfigurations.create().get(key));
        SparkConf conf = Sessions.withDefaults(new SparkConf(false).setMaster("local[1]").setAppName("plugin")
                .set("spark.ui.enabled", "false").set("spark.hadoop." + key, "reached"));
        try (SparkSession spark = SparkSession.builder().config(conf).getOrCreate()) {
            assertEquals("reached", HadoopConfigurations.create().get(key));
        }
    }
}
