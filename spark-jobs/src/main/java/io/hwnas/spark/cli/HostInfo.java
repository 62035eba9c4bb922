package io.hwnas.spark.cli;

import io.hwnas.spark.store.BuildInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where a measurement was taken: recorded with latency tables and calibrated profiles. */
final class HostInfo {
    private HostInfo() {
    }

    static Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("created", Instant.now().toString());
        m.put("cpu", cpuModel());
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("java", System.getProperty("java.version"));
        m.put("dl4j", BuildInfo.current().dl4jVersion());
        return m;
    }

    static String summary() {
        Map<String, String> m = describe();
        return m.get("cpu") + ", " + m.get("cores") + " cores, Java " + m.get("java") + ", DL4J " + m.get("dl4j")
                + ", " + m.get("created").substring(0, 10);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: the architecture is the best we can say
        }
        return System.getProperty("os.arch");
    }
}
