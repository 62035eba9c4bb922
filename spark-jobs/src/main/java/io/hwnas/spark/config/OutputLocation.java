package io.hwnas.spark.config;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;

/**
 * An output location (a local path or Hadoop URI) checked before Spark starts, so that a typo or a missing
 * file-system library is one line naming the field instead of a stack trace after the session is up: the scheme
 * must have a Hadoop FileSystem, its host must resolve, and the location, or its nearest existing ancestor, must be
 * a directory (locally also a writable one).
 */
public final class OutputLocation {

    private OutputLocation() {
    }

    /** @throws ConfigException naming {@code source}, the field and the value */
    public static void check(String source, String field, String location) {
        String prefix = source + ": field '" + field + "' = '" + location + "'";
        Configuration conf = new Configuration();
        // what spark-submit passes as spark.hadoop.* (e.g. fs.s3a.impl) reaches the driver as system properties
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("spark.hadoop."))
                .forEach(k -> conf.set(k.substring("spark.hadoop.".length()), System.getProperty(k)));
        Path path = new Path(location);
        URI uri = path.toUri();
        String scheme = uri.getScheme() == null ? FileSystem.getDefaultUri(conf).getScheme() : uri.getScheme();
        try {
            FileSystem.getFileSystemClass(scheme, conf);
        } catch (IOException | RuntimeException | NoClassDefFoundError e) {
            throw new ConfigException(prefix + ": no Hadoop FileSystem for scheme '" + scheme + "'" + hint(scheme), e);
        }
        String host = uri.getHost();
        // an HA nameservice is a logical name that only the HDFS configuration resolves
        if (host != null && conf.get("dfs.ha.namenodes." + host) == null) {
            try {
                InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new ConfigException(prefix + ": host '" + host + "' does not resolve", e);
            }
        }
        if (!"file".equals(scheme)) {
            return; // remote stores are reached when the run starts; a connection here would only delay bad input
        }
        java.nio.file.Path local = java.nio.file.Path.of(uri.getPath()).toAbsolutePath();
        java.nio.file.Path existing = local;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw new ConfigException(prefix + ": " + existing + " is a file, not a directory");
        }
        if (!Files.isWritable(existing)) {
            throw new ConfigException(prefix + ": directory " + existing + " is not writable");
        }
    }

    private static String hint(String scheme) {
        if (scheme.startsWith("s3")) {
            return " (S3 needs hadoop-aws: spark-submit --packages org.apache.hadoop:hadoop-aws:<Spark's Hadoop "
                    + "version>, or that jar and its AWS SDK on the classpath)";
        }
        return " (allowed here: file, hdfs, or a scheme whose Hadoop connector is on the classpath)";
    }
}
