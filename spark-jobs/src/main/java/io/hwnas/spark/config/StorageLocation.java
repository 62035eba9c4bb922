package io.hwnas.spark.config;

import io.hwnas.io.HadoopConfigurations;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.util.VersionInfo;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;

/**
 * A location hwnas reads or writes (a local path or any Hadoop URI: {@code output}, {@code data.path},
 * {@code --reuse}, a nightly {@code --root}), checked before Spark starts so that a typo, a missing connector or an
 * unreachable store is one line naming the field, the value, the problem and the fix instead of a stack trace once
 * the session is up: the scheme must have a Hadoop FileSystem, the host (an S3 endpoint, not the bucket) must
 * resolve, and the location must be a directory that can be listed (to read) or, when it does not exist yet, its
 * nearest existing ancestor must be a writable directory (to write). Nothing is written.
 */
public final class StorageLocation {

    private static final String S3A = "s3a";

    private StorageLocation() {
    }

    /**
     * A directory to read that must exist: {@code data.path}, {@code --reuse}.
     *
     * @param subject what the location is, as messages name it: {@code "sweep.yaml: field 'data.path'"},
     *     {@code "option '--reuse'"}
     * @param plainPathIsLocal whether a path without a scheme is a local file, as dataset readers take it, rather
     *     than one on the default file system (fs.defaultFS), as run directories do
     * @param whenMissing the fix when it does not exist
     * @throws ConfigException one line: {@code <subject> = '<location>': <problem>; <fix>}
     */
    public static void checkReadable(String subject, String location, boolean plainPathIsLocal, String whenMissing) {
        check(subject, location, false, plainPathIsLocal, whenMissing);
    }

    /**
     * A directory to create or write under: {@code output}, a nightly {@code --root}; the nearest existing ancestor
     * must be a writable directory.
     *
     * @throws ConfigException one line: {@code <subject> = '<location>': <problem>; <fix>}
     */
    public static void checkWritable(String subject, String location) {
        check(subject, location, true, false, null);
    }

    private static void check(String subject, String location, boolean write, boolean plainPathIsLocal,
                              String whenMissing) {
        String prefix = subject + " = '" + location + "': ";
        Configuration conf = HadoopConfigurations.create();
        Path path = new Path(location);
        URI uri = path.toUri();
        if (uri.getScheme() == null && plainPathIsLocal) {
            path = new Path(java.nio.file.Path.of(location).toAbsolutePath().toUri());
            uri = path.toUri();
        }
        String scheme = uri.getScheme() == null ? FileSystem.getDefaultUri(conf).getScheme() : uri.getScheme();
        try {
            FileSystem.getFileSystemClass(scheme, conf);
        } catch (IOException | RuntimeException | LinkageError e) {
            throw new ConfigException(prefix + "no Hadoop FileSystem for scheme '" + scheme + "'; " + connectorFix(scheme), e);
        }
        String host = host(scheme, uri, conf);
        // an HA nameservice is a logical name that only the HDFS configuration resolves
        if (host != null && conf.get("dfs.ha.namenodes." + host) == null) {
            try {
                InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                throw new ConfigException(prefix + "host '" + host + "' does not resolve; " + reachFix(scheme), e);
            }
        }
        // a bad location fails at once here rather than after the store's usual retries
        conf.setInt("fs.s3a.attempts.maximum", 1);
        conf.setInt("fs.s3a.retry.limit", 1);
        conf.setInt("ipc.client.connect.max.retries", 1);
        conf.setInt("ipc.client.connect.max.retries.on.timeouts", 1);
        try (FileSystem fs = FileSystem.newInstance(path.toUri(), conf)) {
            Path qualified = fs.makeQualified(path);
            FileStatus existing = nearestExisting(fs, qualified, !write);
            if (existing == null) {
                throw new ConfigException(prefix + "no such directory; " + whenMissing);
            }
            String shown = "file".equals(scheme) ? existing.getPath().toUri().getPath() : existing.getPath().toString();
            if (!existing.isDirectory()) {
                throw new ConfigException(prefix + shown + " is a file, not a directory; " + (write
                        ? "choose a directory (it is created when missing)" : whenMissing));
            }
            fs.listStatusIterator(existing.getPath()).hasNext(); // a missing bucket or a refused listing shows here
            if (write) {
                writable(fs, existing.getPath(), prefix + "directory " + shown + " is not writable; "
                        + "choose a directory this user may write");
            }
        } catch (ConfigException e) {
            throw e;
        } catch (AccessControlException e) {
            throw new ConfigException(prefix + "permission denied (" + firstLine(e) + "); " + reachFix(scheme), e);
        } catch (IOException | RuntimeException e) {
            // S3A's exception for a bucket that does not exist (hadoop-aws is not a compile dependency)
            String problem = e.getClass().getSimpleName().equals("UnknownStoreException")
                    ? "bucket '" + uri.getHost() + "' does not exist"
                    : "cannot be reached (" + e.getClass().getSimpleName() + ": " + firstLine(e) + ")";
            throw new ConfigException(prefix + problem + "; " + reachFix(scheme), e);
        }
    }

    /** The location's status, or with {@code exact} false that of its nearest existing ancestor; null when none. */
    private static FileStatus nearestExisting(FileSystem fs, Path path, boolean exact) throws IOException {
        for (Path p = path; p != null; p = exact ? null : p.getParent()) {
            try {
                return fs.getFileStatus(p);
            } catch (FileNotFoundException e) {
                // look further up
            }
        }
        return null;
    }

    private static void writable(FileSystem fs, Path dir, String message) throws IOException {
        if ("file".equals(fs.getUri().getScheme())) {
            // the JDK asks the OS (root may write where the permission bits say otherwise)
            if (!Files.isWritable(java.nio.file.Path.of(dir.toUri()))) {
                throw new ConfigException(message);
            }
            return;
        }
        try {
            fs.access(dir, FsAction.WRITE);
        } catch (AccessControlException e) {
            throw new ConfigException(message + " (" + firstLine(e) + ")", e);
        }
    }

    /** The host a location's file system talks to: for S3A the (per-bucket) endpoint, the bucket being no host. */
    private static String host(String scheme, URI uri, Configuration conf) {
        if (!S3A.equals(scheme)) {
            return uri.getHost();
        }
        String endpoint = conf.getTrimmed("fs.s3a.bucket." + uri.getHost() + ".endpoint",
                conf.getTrimmed("fs.s3a.endpoint", ""));
        if (endpoint.isEmpty()) {
            return null; // AWS's own, chosen by the SDK from the region
        }
        return URI.create(endpoint.contains("://") ? endpoint : "//" + endpoint).getHost();
    }

    private static String connectorFix(String scheme) {
        if (scheme.equals("s3") || scheme.equals("s3n")) {
            return "write s3a:// (Hadoop's S3 connector), with hadoop-aws on the classpath";
        }
        if (scheme.equals(S3A)) {
            String version = VersionInfo.getVersion();
            return "add hadoop-aws " + version + " (Hadoop's S3 connector, matching Hadoop " + version + " here): "
                    + "spark-submit --packages org.apache.hadoop:hadoop-aws:" + version + ", or for scripts/hwnas "
                    + "HWNAS_EXTRA_CLASSPATH=<hadoop-aws-" + version + ".jar>:<its aws-java-sdk-bundle jar> "
                    + "(README, Cloud storage)";
        }
        return "allowed: file, hdfs, or a scheme whose Hadoop connector is on the classpath";
    }

    private static String reachFix(String scheme) {
        if (scheme.equals(S3A)) {
            return "check the bucket, fs.s3a.endpoint and the credentials (--conf spark.hadoop.fs.s3a.*)";
        }
        if (scheme.equals("file")) {
            return "check the path and its permissions";
        }
        return "check the host, the port and that the file system is up";
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        return m.lines().findFirst().orElse("").strip();
    }
}
