package dev.obslab.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * Prometheus' and Alertmanager's APIs as a drill reads them, scripted by the test, on one loopback port:
 * {@code /api/v1/rules} (the alerting rules set), {@code /api/v1/alerts} (the active alerts set), {@code /api/v2/status}.
 * With {@link #failing(boolean)} every answer is a 500.
 */
public final class StubAlerting implements AutoCloseable {

    /** An active alert as Prometheus lists it. */
    public record Alert(String name, Map<String, String> labels, String state, Instant activeAt) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private volatile Set<String> rules = Set.of();
    private volatile List<Alert> alerts = List.of();
    private volatile boolean failing;

    public StubAlerting(int port) {
        server = StubDownstream.loopback(port);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            Object body = switch (path) {
                case "/api/v1/rules" -> Map.of("status", "success", "data", Map.of("groups", List.of(Map.of(
                        "name", "stub", "rules", rules.stream().map(r -> Map.of("name", r, "type", "alerting"))
                                .toList()))));
                case "/api/v1/alerts" -> Map.of("status", "success", "data", Map.of("alerts", alerts.stream()
                        .map(StubAlerting::asPrometheus).toList()));
                case "/api/v2/status" -> Map.of("cluster", Map.of("status", "ready"));
                default -> null;
            };
            byte[] bytes = json(body == null ? Map.of("error", "not found") : body);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(failing ? 500 : body == null ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    public StubAlerting rules(String... names) {
        rules = Set.of(names);
        return this;
    }

    public StubAlerting alerts(Alert... active) {
        alerts = List.of(active);
        return this;
    }

    public StubAlerting failing(boolean fail) {
        failing = fail;
        return this;
    }

    public void reset() {
        alerts = List.of();
        failing = false;
    }

    private static Map<String, Object> asPrometheus(Alert a) {
        Map<String, String> labels = new java.util.TreeMap<>(a.labels());
        labels.put("alertname", a.name());
        Map<String, Object> alert = new java.util.LinkedHashMap<>();
        alert.put("labels", labels);
        alert.put("annotations", Map.of());
        alert.put("state", a.state());
        alert.put("activeAt", a.activeAt().toString());
        alert.put("value", "1e+00");
        return alert;
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An Alertmanager version 4 webhook payload for these alerts, all with one status. */
    public static String webhook(String status, Alert... alerts) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Alert a : alerts) {
            Map<String, String> labels = new java.util.TreeMap<>(a.labels());
            labels.put("alertname", a.name());
            list.add(Map.of("status", status, "labels", labels, "annotations", Map.of("summary", "stub"),
                    "startsAt", a.activeAt().toString(), "endsAt", "0001-01-01T00:00:00Z",
                    "generatorURL", "http://prometheus:9090/graph", "fingerprint", Integer.toHexString(labels.hashCode())));
        }
        Map<String, String> common = alerts.length == 0 ? Map.of() : Map.of("alertname", alerts[0].name());
        return new String(json(Map.of("version", "4", "groupKey", "{}:{alertname=\"x\"}", "truncatedAlerts", 0,
                "status", status, "receiver", "lab", "groupLabels", common, "commonLabels", common,
                "commonAnnotations", Map.of(), "externalURL", "http://alertmanager:9093", "alerts", list)),
                StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
