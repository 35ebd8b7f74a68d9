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
 * The JSON log lines the service wrote, read from the JSON file handler: in JVM tests its %test path, in integration
 * tests the file the Quarkus launcher has the packaged application write (system property quarkus.log.file.path).
 */
public final class LogFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path path;

    public LogFile(Path path) {
        this.path = path;
    }

    /**
     * Every JSON line, including those of rotated files ({@code path.1} ...); a line starting with '{' that does not
     * parse is a test failure (one JSON object per line).
     */
    public List<JsonNode> lines() {
        try {
            List<JsonNode> nodes = new ArrayList<>();
            List<String> all = new ArrayList<>();
            for (int i = 9; i >= 1; i--) {
                Path rotated = Path.of(path + "." + i);
                if (Files.exists(rotated)) {
                    all.addAll(Files.readAllLines(rotated));
                }
            }
            all.addAll(Files.readAllLines(path));
            for (String line : all) {
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

    /**
     * The lines of the process that wrote last (this test JVM, or the packaged jar under test): earlier runs of the
     * suite may have left lines from older code in the same file and its rotations.
     */
    public List<JsonNode> linesOfCurrentProcess() {
        List<JsonNode> all = lines();
        if (all.isEmpty()) {
            return all;
        }
        String pid = all.get(all.size() - 1).path("processId").asText();
        return all.stream().filter(l -> pid.equals(l.path("processId").asText())).toList();
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
