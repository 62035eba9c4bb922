package io.hwnas.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** SparkSession creation that honours spark-submit's master and falls back to local[*] when none is set. */
public final class Sessions {
    private Sessions() {
    }

    public static SparkSession create(String appName, String masterOverride) {
        SparkConf conf = new SparkConf().setAppName(appName);
        if (masterOverride != null) {
            conf.setMaster(masterOverride);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        return SparkSession.builder().config(conf).getOrCreate();
    }
}
