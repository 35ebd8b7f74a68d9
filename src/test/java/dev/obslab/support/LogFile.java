package dev.obslab.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON log lines the service wrote: in JVM tests a JSON file handler (see %test in application.properties), in
 * integration tests the packaged application's own stdout, which Quarkus captures in target/quarkus.log.
 */
public final class LogFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path path;

    public LogFile(Path path) {
        this.path = path;
    }

    /** Every line that parses as JSON; a line that does not is a test failure (one JSON object per line). */
    public List<JsonNode> lines() {
        try {
            List<JsonNode> nodes = new ArrayList<>();
            for (String line : Files.readAllLines(path)) {
                if (line.isBlank() || !line.startsWith("{")) {
                    continue; // the launcher's own banner lines in quarkus.log
                }
                nodes.add(JSON.readTree(line));
            }
            return nodes;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    /** Lines whose MDC carries this trace id. */
    public List<JsonNode> forTrace(String traceId) {
        return lines().stream().filter(n -> traceId.equals(n.path("mdc").path("traceId").asText())).toList();
    }

    /** Waits (bounded) until {@code condition} holds on the lines of a trace, for handlers that write asynchronously. */
    public List<JsonNode> awaitTrace(String traceId, Predicate<List<JsonNode>> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<JsonNode> lines = forTrace(traceId);
        while (!condition.test(lines) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            lines = forTrace(traceId);
        }
        return lines;
    }

    public static boolean isCompletionLine(JsonNode line) {
        return "request.completed".equals(line.path("mdc").path("event").asText());
    }
}
