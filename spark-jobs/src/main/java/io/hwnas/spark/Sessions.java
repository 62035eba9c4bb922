package io.hwnas.spark;

import io.hwnas.spark.config.Redaction;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Map;

/**
 * SparkSession creation that honours spark-submit's master and falls back to local[*] when none is set,
 * with hwnas's serializer defaults (see {@link #withDefaults}).
 */
public final class Sessions {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);
    public static final String SERIALIZER = "spark.serializer";
    public static final String REGISTRATOR = "spark.kryo.registrator";
    public static final String REGISTRATION_REQUIRED = "spark.kryo.registrationRequired";
    public static final String PLUGINS = "spark.plugins";

    private Sessions() {
    }

    public static SparkSession create(String appName, String masterOverride) {
        return create(appName, masterOverride, Map.of());
    }

    /**
     * @param settings a sweep config's spark section: each set where nothing else (spark-submit's {@code --conf},
     *     spark-defaults.conf, {@code -Dspark.*}) did; redacted values, as a resumed run's journal holds them, are
     *     left out so the secret comes from those sources instead
     */
    public static SparkSession create(String appName, String masterOverride, Map<String, String> settings) {
        SparkConf conf = new SparkConf().setAppName(appName);
        settings.forEach((key, value) -> {
            if (!value.equals(Redaction.REPLACEMENT)) {
                conf.setIfMissing(key, value);
            }
        });
        return create(conf, masterOverride);
    }

    /**
     * A session for MLlib training (the learned latency predictors): as {@link #create(String, String)}, but Kryo
     * registration is not required, because MLlib ships classes of its own between tasks (tree split statistics,
     * binned points, the vector type of a DataFrame schema) that are Spark's internals to change, not hwnas's to
     * list; hwnas's own classes are still registered.
     */
    public static SparkSession createForMllib(String appName, String masterOverride) {
        return create(new SparkConf().setAppName(appName).set(REGISTRATION_REQUIRED, "false"), masterOverride);
    }

    private static SparkSession create(SparkConf base, String masterOverride) {
        SparkConf conf = withDefaults(base);
        if (masterOverride != null) {
            conf.setMaster(masterOverride);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        LOG.info("Spark serializer {}, Kryo registrator {}, registration required {}", conf.get(SERIALIZER),
                conf.get(REGISTRATOR, "none"), conf.get(REGISTRATION_REQUIRED, "false"));
        SerializerWarmUp.start(conf); // overlaps ND4J's start with Spark's and the executors'
        return SparkSession.builder().config(conf).getOrCreate();
    }

    /**
     * Kryo with every class hwnas ships registered ({@link HwnasKryoRegistrator}) and registration
     * required, so a class added to a candidate or result without a registration fails in the first
     * test that ships it rather than silently costing its full class name in every record. Set only
     * where missing: a {@code spark-submit --conf}, spark-defaults.conf or {@code -Dspark.*} value wins
     * ({@code spark.kryo.registrator} takes a comma-separated list, so a user's registrator goes next to
     * hwnas's rather than replacing it, unless registration is turned off). {@link HadoopSettingsPlugin} is added to
     * {@code spark.plugins}, next to any the user lists.
     */
    public static SparkConf withDefaults(SparkConf conf) {
        conf.setIfMissing(SERIALIZER, KryoSerializer.class.getName());
        conf.setIfMissing(REGISTRATOR, HwnasKryoRegistrator.class.getName());
        conf.setIfMissing(REGISTRATION_REQUIRED, "true");
        // a list: a user's plugins stay, hwnas's is added once
        String plugins = conf.get(PLUGINS, "");
        String hwnas = HadoopSettingsPlugin.class.getName();
        if (!Arrays.asList(plugins.split("\\s*,\\s*")).contains(hwnas)) {
            conf.set(PLUGINS, plugins.isBlank() ? hwnas : plugins + "," + hwnas);
        }
        return conf;
    }
}
