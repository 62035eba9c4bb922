package io.hwnas.spark.cli;

import io.hwnas.spark.Sessions;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

import java.util.Map;

/** The {@code --master} option every Spark command shares, and the session it opens. */
final class SparkMaster {

    @Option(names = "--master", description = "Spark master; default: the one spark-submit sets, else local[*]")
    String master;

    SparkSession session(String appName) {
        return session(appName, Map.of());
    }

    /** @param settings a config's spark section (see {@link Sessions#create(String, String, Map)}) */
    SparkSession session(String appName, Map<String, String> settings) {
        return Sessions.create(appName, master, settings);
    }

    /** A session MLlib can train in (see {@link Sessions#createForMllib}). */
    SparkSession mllibSession(String appName) {
        return Sessions.createForMllib(appName, master);
    }
}
