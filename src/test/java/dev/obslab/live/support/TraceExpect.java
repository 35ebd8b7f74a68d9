package dev.obslab.live.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.obslab.live.support.JaegerQuery.Span;
import dev.obslab.live.support.JaegerQuery.Trace;

/**
 * What one answered request's trace must hold, as docs/signals.md's Traces section promises: one server span with its
 * semantic-convention attributes and resource attributes, one child span per step (up to the failing one), ERROR
 * status and one exception event on a simulated failure, and, for the traffic generator's requests, its client span
 * as the root. {@link #problems} lists every difference.
 */
public record TraceExpect(String service, String method, String route, int status, List<String> steps,
        String failedStep, Map<String, Object> logs, boolean client) {

    private static final List<String> SERVER_ATTRS = List.of("http.request.method", "http.route",
            "http.response.status_code", "url.path", "url.scheme", "server.address", "server.port");
    private static final List<String> CLIENT_ATTRS = List.of("http.request.method", "url.full", "server.address",
            "http.response.status_code");
    private static final Pattern FAILED_STEP = Pattern.compile("step ([^ ]+) \\(");

    /** The step a simulated failure names in its problem detail or exception message ("step NAME (..."), or null. */
    public static String failedStepIn(String text) {
        Matcher m = FAILED_STEP.matcher(text == null ? "" : text);
        return m.find() ? m.group(1) : null;
    }

    /** The expectation for a request to {@code path} (with its query) answered {@code answer}. */
    public static TraceExpect of(String service, String method, String path, Http.Answer answer,
            List<String> steps) {
        String route = path.split("\\?")[0];
        if (route.equals("/generate_logs")) {
            String query = path.contains("?") ? path.substring(path.indexOf('?') + 1) : "";
            Map<String, String> q = new java.util.HashMap<>();
            for (String kv : query.split("&")) {
                String[] p = kv.split("=", 2);
                q.put(p[0], p.length > 1 ? p[1] : "");
            }
            return new TraceExpect(service, method, route, answer.status(), null, null,
                    Map.of("simulator.logs.count", Integer.parseInt(q.get("count")), "simulator.logs.level",
                            q.getOrDefault("level", "mixed")), false);
        }
        String failed = answer.status() >= 500 && answer.json() != null
                ? failedStepIn(answer.json().path("detail").asText())
                : null;
        return new TraceExpect(service, method, route, answer.status(), steps, failed, null, false);
    }

    public TraceExpect withClient() {
        return new TraceExpect(service, method, route, status, steps, failedStep, logs, true);
    }

    /** How many spans the trace holds once complete. */
    public int spanCount() {
        int n = 1 + (client ? 1 : 0);
        if (steps != null) {
            n += failedStep != null ? steps.indexOf(failedStep) + 1 : steps.size();
        }
        return n;
    }

    public List<String> problems(Trace trace) {
        List<String> problems = new ArrayList<>();
        List<Span> servers = trace.spans().stream().filter(s -> "server".equals(s.kind())).toList();
        if (servers.size() != 1) {
            return List.of(servers.size() + " server spans, want exactly 1");
        }
        Span server = servers.get(0);
        if (!service.equals(server.service())) {
            problems.add("service.name " + server.service() + ", want " + service);
        }
        for (String k : List.of("service.version", "deployment.environment")) {
            if (server.resource().get(k) == null || server.resource().get(k).asText().isEmpty()) {
                problems.add("resource attribute " + k + " missing");
            }
        }
        for (String k : SERVER_ATTRS) {
            if (server.tag(k) == null) {
                problems.add("server span: " + k + " missing");
            }
        }
        if (!server.operationName().equals(method + " " + route)) {
            problems.add("server span named \"" + server.operationName() + "\", want \"" + method + " " + route + "\"");
        }
        if (!route.equals(server.text("http.route"))) {
            problems.add("http.route " + server.text("http.route") + ", want " + route);
        }
        JsonNode code = server.tag("http.response.status_code");
        if (code == null || code.asInt() != status) {
            problems.add("http.response.status_code " + code + ", want " + status);
        }
        long exceptions = trace.spans().stream().mapToLong(Span::exceptionEvents).sum();
        List<Span> stepSpans = trace.childrenOf(server).stream()
                .sorted(Comparator.comparingInt(s -> s.tag("simulator.step.index") == null ? Integer.MAX_VALUE
                        : s.tag("simulator.step.index").asInt()))
                .toList();
        if (steps != null) {
            List<String> want = failedStep != null ? steps.subList(0, steps.indexOf(failedStep) + 1) : steps;
            List<String> got = stepSpans.stream().map(Span::operationName).toList();
            if (!got.equals(want)) {
                problems.add("step spans " + got + ", want " + want);
            }
            for (int i = 0; i < stepSpans.size(); i++) {
                problems.addAll(stepProblems(stepSpans.get(i), i));
            }
        } else if (!stepSpans.isEmpty()) {
            problems.add(stepSpans.size() + " child spans, want none");
        }
        if (logs != null) {
            logs.forEach((k, v) -> {
                JsonNode got = server.tag(k);
                Object value = got == null ? null : v instanceof Integer ? (got.isNumber() ? got.asInt() : null)
                        : got.asText();
                if (!v.equals(value)) {
                    problems.add("server span: " + k + "=" + got + ", want " + v);
                }
            });
        }
        int others = trace.spans().size() - 1 - stepSpans.size() - (client ? 1 : 0);
        if (others != 0) {
            problems.add(others + " spans beyond the server span, its steps" + (client ? " and the client span" : ""));
        }
        if (failedStep != null) {
            if (!server.error() || !"ERROR".equals(server.text("otel.status_code"))) {
                problems.add("server span of a simulated failure has no ERROR status");
            }
            if (server.tag("simulator.failure.simulated") == null || !server.tag("simulator.failure.simulated")
                    .asBoolean()) {
                problems.add("server span lacks simulator.failure.simulated=true");
            }
            if (exceptions != 1) {
                problems.add(exceptions + " exception events, want 1");
            }
        } else {
            if (trace.spans().stream().anyMatch(Span::error)) {
                problems.add("a span has ERROR status on a request that did not fail");
            }
            if (exceptions != 0) {
                problems.add(exceptions + " exception events on a request that did not fail");
            }
        }
        problems.addAll(parentProblems(trace, server));
        return problems;
    }

    private List<String> stepProblems(Span s, int index) {
        List<String> problems = new ArrayList<>();
        String name = s.operationName();
        if (!"internal".equals(s.kind())) {
            problems.add("step " + name + ": kind " + s.kind());
        }
        if (!name.equals(s.text("simulator.step.name"))) {
            problems.add("step " + name + ": simulator.step.name " + s.text("simulator.step.name"));
        }
        JsonNode idx = s.tag("simulator.step.index");
        if (idx == null || idx.asInt() != index) {
            problems.add("step " + name + ": simulator.step.index " + idx + ", want " + index);
        }
        JsonNode delay = s.tag("simulator.step.delay_ms");
        if (!(number(delay) >= 0)) {
            problems.add("step " + name + ": simulator.step.delay_ms " + delay);
        }
        boolean failed = name.equals(failedStep);
        if (s.error() != failed) {
            problems.add("step " + name + ": error=" + s.error() + ", want " + failed);
        }
        return problems;
    }

    /** The tag as a number, NaN when it is none (as JavaScript's Number()). */
    private static double number(JsonNode v) {
        if (v == null) {
            return Double.NaN;
        }
        try {
            return v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private List<String> parentProblems(Trace trace, Span server) {
        List<String> problems = new ArrayList<>();
        if (!client) {
            if (server.parent() != null) {
                problems.add("the server span has a parent, but the request came without trace context");
            }
            return problems;
        }
        Span parent = server.parent() == null ? null : trace.span(server.parent()).orElse(null);
        if (parent == null) {
            problems.add("the server span has no parent in the trace: the generator's client span is missing");
            return problems;
        }
        if (!"client".equals(parent.kind())) {
            problems.add("the server span's parent is a " + parent.kind() + " span, not the client span");
        }
        if (parent.parent() != null) {
            problems.add("the client span is not the root");
        }
        for (String k : CLIENT_ATTRS) {
            if (parent.tag(k) == null) {
                problems.add("client span: " + k + " missing");
            }
        }
        if (!Objects.equals(service, parent.service())) {
            problems.add("client span service " + parent.service());
        }
        return problems;
    }
}
