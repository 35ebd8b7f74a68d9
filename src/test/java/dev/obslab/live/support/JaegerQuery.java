package dev.obslab.live.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obslab.support.Await;

/** Jaeger's HTTP query API (the one Grafana's Jaeger datasource calls), read as traces of spans. */
public record JaegerQuery(String url) {

    /** One span with its tags, parent (CHILD_OF) and its process' service name and resource attributes. */
    public record Span(String spanId, String parent, String operationName, Map<String, JsonNode> tags,
            String service, Map<String, JsonNode> resource, JsonNode logs) {

        public JsonNode tag(String key) {
            return tags.get(key);
        }

        public String text(String key) {
            JsonNode v = tags.get(key);
            return v == null ? null : v.asText();
        }

        public String kind() {
            return text("span.kind");
        }

        public boolean error() {
            JsonNode v = tags.get("error");
            return v != null && v.asBoolean();
        }

        /** Its events named {@code exception}. */
        public long exceptionEvents() {
            long n = 0;
            for (JsonNode log : logs) {
                for (JsonNode f : log.path("fields")) {
                    if ("event".equals(f.path("key").asText()) && "exception".equals(f.path("value").asText())) {
                        n++;
                    }
                }
            }
            return n;
        }

        /** The value of an event field ({@code exception.message}, ...), or null. */
        public String eventField(String key) {
            for (JsonNode log : logs) {
                for (JsonNode f : log.path("fields")) {
                    if (key.equals(f.path("key").asText())) {
                        return f.path("value").asText();
                    }
                }
            }
            return null;
        }
    }

    public record Trace(String traceId, List<Span> spans) {

        public Optional<Span> span(String spanId) {
            return spans.stream().filter(s -> s.spanId().equals(spanId)).findFirst();
        }

        public List<Span> childrenOf(Span parent) {
            return spans.stream().filter(s -> parent.spanId().equals(s.parent())).toList();
        }

        public static Trace of(JsonNode trace) {
            Map<String, JsonNode> processes = new HashMap<>();
            trace.path("processes").fields().forEachRemaining(e -> processes.put(e.getKey(), e.getValue()));
            List<Span> spans = new ArrayList<>();
            for (JsonNode s : trace.path("spans")) {
                String parent = null;
                for (JsonNode r : s.path("references")) {
                    if ("CHILD_OF".equals(r.path("refType").asText())) {
                        parent = r.path("spanID").asText();
                        break;
                    }
                }
                JsonNode process = processes.getOrDefault(s.path("processID").asText(), Http.JSON.createObjectNode());
                spans.add(new Span(s.path("spanID").asText(), parent, s.path("operationName").asText(),
                        keyValues(s.path("tags")), process.path("serviceName").asText(null),
                        keyValues(process.path("tags")), s.path("logs")));
            }
            return new Trace(trace.path("traceID").asText(), spans);
        }

        private static Map<String, JsonNode> keyValues(JsonNode list) {
            Map<String, JsonNode> map = new LinkedHashMap<>();
            for (JsonNode kv : list) {
                map.put(kv.path("key").asText(), kv.path("value"));
            }
            return map;
        }
    }

    /** A GET of the query API: status and body. */
    public Http.Answer get(String pathAndQuery) {
        return Http.get(url, pathAndQuery);
    }

    /** The trace, empty when Jaeger does not have it or cannot be reached (killed, restarting). */
    public Optional<Trace> trace(String traceId) {
        Http.Answer a;
        try {
            a = get("/api/traces/" + traceId);
        } catch (java.io.UncheckedIOException e) {
            return Optional.empty();
        }
        JsonNode data = a.json() == null ? null : a.json().path("data").path(0);
        return a.status() == 200 && data != null && data.isObject() ? Optional.of(Trace.of(data)) : Optional.empty();
    }

    /** A search; the params as Grafana's Jaeger datasource sends them. */
    public List<Trace> search(Map<String, String> params) {
        Http.Answer a = get("/api/traces?" + query(params));
        List<Trace> traces = new ArrayList<>();
        if (a.json() != null) {
            a.json().path("data").forEach(t -> traces.add(Trace.of(t)));
        }
        return traces;
    }

    /** The dependency links (parent, child, callCount) over the lookback before endMs. */
    public List<JsonNode> dependencies(long endMs, long lookbackMs) {
        Http.Answer a = get("/api/dependencies?endTs=" + endMs + "&lookback=" + lookbackMs);
        List<JsonNode> links = new ArrayList<>();
        if (a.status() == 200 && a.json() != null) {
            a.json().path("data").forEach(links::add);
        }
        return links;
    }

    /**
     * The traces of these ids, each once it holds {@code want.applyAsInt(id)} spans (its spans may arrive in different
     * batches); asks until all are complete or {@code atMost} has passed, 0.5 s apart. Missing ids are absent.
     */
    public Map<String, Trace> await(Collection<String> ids, ToIntFunction<String> want, Duration atMost) {
        Map<String, Trace> found = new HashMap<>();
        long deadline = System.nanoTime() + atMost.toNanos();
        Set<String> pending = new LinkedHashSet<>(ids);
        while (!pending.isEmpty()) {
            Set<String> next = new LinkedHashSet<>();
            for (String id : pending) {
                Optional<Trace> t = trace(id);
                t.ifPresent(trace -> found.put(id, trace));
                if (t.isEmpty() || t.get().spans().size() < want.applyAsInt(id)) {
                    next.add(id);
                }
            }
            pending = next;
            if (pending.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            Await.sleep(500);
        }
        return found;
    }

    /** The ids whose traces do not hold {@code spans} spans after asking up to {@code tries} times, 0.5 s apart. */
    public List<String> incomplete(List<String> ids, int spans, int tries) {
        List<String> missing = ids;
        for (int i = 0; i < tries && !missing.isEmpty(); i++) {
            missing = missing.stream().filter(id -> trace(id).map(t -> t.spans().size() < spans).orElse(true))
                    .toList();
            if (!missing.isEmpty()) {
                Await.sleep(500);
            }
        }
        return missing;
    }

    /** Query parameters, URL-encoded. */
    public static String query(Map<String, String> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
