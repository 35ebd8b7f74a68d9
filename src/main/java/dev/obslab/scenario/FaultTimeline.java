package dev.obslab.scenario;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.obslab.random.RandomConfig;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every fault window a scenario opened, here or on another service: what ran, where, what it changed, who started it,
 * and when it opened and closed, to the millisecond. The ground truth a drill (or an AIOps benchmark) scores against;
 * bounded ({@code simulator.scenarios.timeline-size}), oldest dropped first; one log line when a window closes.
 */
@ApplicationScoped
public class FaultTimeline {

    private static final Logger LOG = Logger.getLogger(FaultTimeline.class);

    /** Who opened a window. */
    public enum StartedBy {
        API, DRILL;

        public String label() {
            return name().toLowerCase();
        }
    }

    /** One setting a window changed, as a dotted path into the settings' JSON ({@code process.failureRate}). */
    @RegisterForReflection
    public record Change(String service, String setting,
            @Schema(nullable = true, description = "The value before the window: any JSON value") Object from,
            @Schema(nullable = true, description = "The value it became") Object to) {
    }

    @RegisterForReflection
    public record Window(long id, String scenario, String service, String startedBy, Instant startedAt,
            @Schema(nullable = true, description = "null while the window is open") Instant endedAt,
            @Schema(nullable = true, description = "completed, stopped, aborted or shutdown; null while open") String ended,
            List<Change> changes,
            @Schema(nullable = true, description = "simulator.seed; null when unset") Long seed) {
    }

    /** By id, oldest first (ids grow), so a window is found and replaced in place. */
    private final LinkedHashMap<Long, Window> windows = new LinkedHashMap<>();
    private final ObjectMapper json;
    private final int capacity;
    private final Long seed;
    private long nextId = 1;

    public FaultTimeline(ObjectMapper json, ScenariosConfig config, RandomConfig random) {
        this.json = json;
        this.capacity = config.timelineSize();
        this.seed = random.seed().isPresent() ? random.seed().getAsLong() : null;
    }

    /** Oldest first. */
    public synchronized List<Window> windows() {
        return List.copyOf(windows.values());
    }

    public synchronized Window find(long id) {
        return windows.get(id);
    }

    synchronized long open(String scenario, String service, StartedBy by, Instant startedAt) {
        long id = nextId++;
        windows.put(id, new Window(id, scenario, service, by.label(), startedAt, null, null, List.of(), seed));
        while (windows.size() > capacity) {
            windows.remove(windows.keySet().iterator().next());
        }
        return id;
    }

    /**
     * Records what changed on {@code service} between {@code before} and {@code after} (settings records), their paths
     * prefixed (the traffic settings as {@code traffic.rps}).
     */
    synchronized void changed(long id, String service, String prefix, Object before, Object after) {
        Window w = find(id);
        if (w == null || before == null || after == null) {
            return;
        }
        Map<String, Change> changes = new LinkedHashMap<>();
        w.changes().forEach(c -> changes.put(c.service() + '/' + c.setting(), c));
        Map<String, JsonNode> from = flatten(prefix, json.valueToTree(before));
        flatten(prefix, json.valueToTree(after)).forEach((path, to) -> {
            JsonNode was = from.get(path);
            if (!to.equals(was)) {
                Change earlier = changes.get(service + '/' + path);
                // several phases: from what it was before the window, to what it became last
                changes.put(service + '/' + path, new Change(service, path, earlier == null ? was : earlier.from(), to));
            }
        });
        windows.put(w.id(), new Window(w.id(), w.scenario(), w.service(), w.startedBy(), w.startedAt(), null, null,
                List.copyOf(changes.values()), w.seed()));
    }

    synchronized void close(long id, String how) {
        Window w = find(id);
        if (w == null || w.endedAt() != null) {
            return;
        }
        Window closed = new Window(w.id(), w.scenario(), w.service(), w.startedBy(), w.startedAt(), now(), how,
                w.changes(), w.seed());
        windows.put(w.id(), closed);
        MDC.put("event", "fault.window");
        MDC.put("scenario", closed.scenario());
        MDC.put("targetService", closed.service());
        MDC.put("startedBy", closed.startedBy());
        MDC.put("windowId", String.valueOf(closed.id()));
        try {
            LOG.infof("Fault window %d closed (%s): scenario %s on %s, started by %s, from %s to %s, %d settings changed",
                    closed.id(), how, closed.scenario(), closed.service(), closed.startedBy(), closed.startedAt(),
                    closed.endedAt(), closed.changes().size());
        } finally {
            MDC.remove("event");
            MDC.remove("scenario");
            MDC.remove("targetService");
            MDC.remove("startedBy");
            MDC.remove("windowId");
        }
    }


    private static Map<String, JsonNode> flatten(String prefix, JsonNode node) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        flatten(prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix, node, leaves);
        return leaves;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> leaves) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + '.' + e.getKey(), e.getValue(), leaves);
            }
        } else {
            leaves.put(prefix, node);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A scenario event's log line ({@code mdc.event}, {@code mdc.scenario}), by the given logger. */
    static void log(Logger logger, String event, String scenario, String format, Object... args) {
        MDC.put("event", event);
        MDC.put("scenario", scenario);
        try {
            logger.infof(format, args);
        } finally {
            MDC.remove("event");
            MDC.remove("scenario");
        }
    }
}
