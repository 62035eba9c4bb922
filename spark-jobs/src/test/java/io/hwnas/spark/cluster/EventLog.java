package io.hwnas.spark.cluster;

import io.hwnas.io.Mappers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One finished application's Spark event log (JSON lines, uncompressed): who ran which task. */
record EventLog(List<JsonNode> events) {
    private static final ObjectMapper JSON = Mappers.json();

    /** Reads the only event log in {@code dir}; a finished application's log has no ".inprogress" suffix. */
    static EventLog readOnly(Path dir) throws IOException {
        List<Path> logs;
        try (Stream<Path> s = Files.list(dir)) {
            logs = s.filter(Files::isRegularFile).toList();
        }
        if (logs.size() != 1 || logs.get(0).toString().endsWith(".inprogress")) {
            throw new AssertionError("expected one finished event log in " + dir + ", found " + logs);
        }
        try (Stream<String> lines = Files.lines(logs.get(0))) {
            return new EventLog(lines.map(l -> {
                try {
                    return JSON.readTree(l);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList());
        }
    }

    Stream<JsonNode> ofType(String event) {
        return events.stream().filter(e -> event.equals(e.path("Event").asText()));
    }

    /** Task ends with the given reason ("Success", "ExecutorLostFailure" ...), counted per executor id. */
    Map<String, Long> taskEndsByExecutor(String reason) {
        return taskEnds(e -> reason.equals(e.path("Task End Reason").path("Reason").asText()))
                .collect(Collectors.groupingBy(e -> e.path("Task Info").path("Executor ID").asText(), TreeMap::new,
                        Collectors.counting()));
    }

    Stream<JsonNode> taskEnds(Predicate<JsonNode> filter) {
        return ofType("SparkListenerTaskEnd").filter(filter);
    }

    /**
     * Executor id to the web UI (scheme, host and port) of the worker that launched it: the executors' log
     * URLs point at their worker's UI, and on one machine that port is what tells the workers apart.
     */
    Map<String, String> executorWorkerUis() {
        return ofType("SparkListenerExecutorAdded").collect(Collectors.toMap(e -> e.path("Executor ID").asText(), e -> {
            String url = e.path("Executor Info").path("Log Urls").path("stdout").asText();
            return url.substring(0, url.indexOf("/logPage"));
        }, (a, b) -> a, TreeMap::new));
    }
}
