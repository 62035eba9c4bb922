package io.hwnas.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import io.hwnas.io.HadoopConfigurations;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where dataset bytes come from: a location with a scheme ({@code hdfs://}, {@code s3a://},
 * {@code file:}) goes to that Hadoop {@link FileSystem}; a plain path is always a local file, even
 * when a cluster configuration makes HDFS the default, because a plain path from a user or a test
 * means a file on this machine.
 */
final class Locations {

    private Locations() {
    }

    static InputStream open(String location) throws IOException {
        Path path = new Path(location);
        try {
            return fileSystem(path).open(path);
        } catch (FileNotFoundException e) {
            FileNotFoundException named = new FileNotFoundException("file not found: " + location);
            named.initCause(e);
            throw named;
        } catch (IOException e) {
            throw unreadable(location, e);
        }
    }

    static boolean exists(String location) throws IOException {
        Path path = new Path(location);
        try {
            return fileSystem(path).getFileStatus(path).isFile();
        } catch (FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw unreadable(location, e);
        }
    }

    /**
     * Hadoop's own messages name a scheme ("No FileSystem for scheme ...") or a host and port
     * (connection refused) but not the location being read, which is what the user wrote.
     */
    private static IOException unreadable(String location, IOException cause) {
        return new IOException("cannot read " + location + ": " + cause.getMessage(), cause);
    }

    static String resolve(String directory, String fileName) {
        return new Path(new Path(directory), fileName).toString();
    }

    // FileSystem instances are cached and shared process-wide by Hadoop, so they are never closed here
    private static FileSystem fileSystem(Path path) throws IOException {
        Configuration configuration = HadoopConfigurations.create();
        return path.toUri().getScheme() == null
                ? FileSystem.getLocal(configuration)
                : FileSystem.get(path.toUri(), configuration);
    }
}
