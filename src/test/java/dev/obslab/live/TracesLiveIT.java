package dev.obslab.live;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.obslab.live.support.Http;
import dev.obslab.live.support.Http.Answer;
import dev.obslab.live.support.JaegerProcess;
import dev.obslab.live.support.JaegerQuery;
import dev.obslab.live.support.JaegerQuery.Span;
import dev.obslab.live.support.JaegerQuery.Trace;
import dev.obslab.live.support.LiveEnv;
import dev.obslab.live.support.SavedSettings;
import dev.obslab.live.support.ServiceProcess;
import dev.obslab.live.support.TraceExpect;
import dev.obslab.support.Await;

/**
 * The trace half of the stack: the packaged service exports OTLP gRPC to the real Jaeger v2 (the pinned release, the
 * project's own jaeger.yml), read back through Jaeger's HTTP query API. Every request's X-Trace-Id is a trace with
 * exactly the promised spans; the generator's requests are rooted in its client span; none is lost; every dashboard's
 * Jaeger query returns data. With {@code -Dlive.service-url} and {@code -Dlive.jaeger-url} (compose) nothing is
 * started; {@code -Dlive.service-name} is the service's name there, {@code -Dlive.dashboard-services=a,b} the
 * services a dashboard user picks in turn.
 */
class TracesLiveIT {

    private static final String SERVICE = LiveEnv.text("service-name").orElse("observability-lab");
    private static JaegerProcess jaegerProcess;
    private static ServiceProcess serviceProcess;
    private static String service;
    private static JaegerQuery jaeger;

    @RegisterExtension
    static final SavedSettings saved = new SavedSettings(() -> List.of(service));

    @BeforeAll
    static void start() {
        String jaegerUrl = LiveEnv.url("jaeger").orElse(null);
        if (jaegerUrl == null) {
            jaegerProcess = JaegerProcess.start("traces-jaeger");
            jaegerUrl = jaegerProcess.queryUrl();
        }
        jaeger = new JaegerQuery(jaegerUrl);
        service = LiveEnv.url("service").orElse(null);
        if (service == null) {
            serviceProcess = ServiceProcess.named("traces").exportTo(jaegerProcess).start().awaitReady();
            service = serviceProcess.url();
        }
    }

    @AfterAll
    static void stop() {
        if (serviceProcess != null) {
            serviceProcess.close();
        }
        if (jaegerProcess != null) {
            jaegerProcess.close();
        }
    }

    private record Sent(String method, String path, Answer answer, TraceExpect expect) {
        String what() {
            return method + " " + path + " -> " + answer.status() + " (trace " + answer.traceId() + ")";
        }
    }

    private static Sent send(String method, String path, List<String> steps) {
        Answer answer = Http.call(service, method, path, null);
        return new Sent(method, path, answer, TraceExpect.of(SERVICE, method, path, answer, steps));
    }

    private static List<String> stepNames(JsonNode settings) {
        List<String> names = new ArrayList<>();
        settings.path("process").path("steps").forEach(s -> names.add(s.path("name").asText()));
        return names;
    }

    /** Problems with each request's trace: its X-Trace-Id, whether it is in Jaeger, its spans. */
    private static List<String> traceProblems(List<Sent> sent, Map<String, Trace> found, boolean firstOnly) {
        List<String> problems = new ArrayList<>();
        for (Sent s : sent) {
            Trace trace = found.get(s.answer().traceId());
            if (trace == null) {
                problems.add(s.what() + ": not in Jaeger");
                continue;
            }
            List<String> p = s.expect().problems(trace);
            (firstOnly ? p.stream().limit(1) : p.stream()).forEach(x -> problems.add(s.what() + ": " + x));
        }
        return problems;
    }

    private static Map<String, Trace> awaitTraces(List<Sent> sent, List<String> problems) {
        Map<String, Sent> byId = new LinkedHashMap<>();
        for (Sent s : sent) {
            if (s.answer().traceId() == null || !s.answer().traceId().matches("[0-9a-f]{32}")) {
                problems.add(s.method() + " " + s.path() + ": X-Trace-Id " + s.answer().traceId());
            } else {
                byId.put(s.answer().traceId(), s);
            }
        }
        return jaeger.await(byId.keySet(), id -> byId.get(id).expect().spanCount(), Duration.ofSeconds(30));
    }

    @Test
    void everyKindOfRequestIsATraceWithExactlyThePromisedSpans() {
        JsonNode before = saved.settings(service);
        List<String> steps = stepNames(before);
        List<Sent> kinds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            kinds.add(send("GET", "/process?delay_ms=20&fail=false", steps));
        }
        for (int i = 0; i < 5; i++) {
            kinds.add(send("POST", "/process?delay_ms=" + 5 * i + "&fail=false", steps));
        }
        for (int i = 0; i < 8; i++) {
            kinds.add(send("GET", "/process?fail=true", steps));
        }
        for (int i = 0; i < 3; i++) {
            kinds.add(send("GET", "/process?delay_ms=300&fail=false", steps));
        }
        for (int i = 0; i < 4; i++) {
            kinds.add(send("GET", "/generate_logs?count=" + (3 + i), steps));
        }
        kinds.add(send("POST", "/generate_logs?count=5&level=ERROR", steps));
        List<String> wrong = kinds.stream()
                .filter(s -> s.path().contains("fail=true") ? s.answer().status() < 500 : s.answer().status() != 200)
                .map(s -> s.method() + " " + s.path() + ": " + s.answer().brief()).toList();

        // Random failures: the configured failure rate at 0.5 for 20 unforced requests, then the settings put back.
        ObjectNode random = before.deepCopy();
        ((ObjectNode) random.get("process")).put("failureRate", 0.5);
        Http.put(service, "/api/simulator", random);
        List<Sent> randoms = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            randoms.add(send("GET", "/process", steps));
        }
        Http.put(service, "/api/simulator", before);
        long failures = randoms.stream().filter(s -> s.answer().status() >= 500).count();

        List<Sent> all = new ArrayList<>(kinds);
        all.addAll(randoms);
        List<String> problems = new ArrayList<>();
        Map<String, Trace> found = awaitTraces(all, problems);
        problems.addAll(traceProblems(all, found, false));
        assertAll(() -> assertEquals(List.of(), wrong, "requests answered as forced"),
                () -> assertTrue(failures > 0 && failures < 20,
                        "random failures at the configured rate: " + failures + " of 20 at 0.5, want some, not all"),
                () -> assertEquals(List.of(), problems, "successes, forced and random failures, POST, slow, "
                        + "/generate_logs: every request a trace in Jaeger with exactly the promised spans"));
    }

    @Test
    void everyRequestOfTheTrafficGeneratorIsATraceRootedInItsClientSpan() {
        List<String> steps = stepNames(saved.settings(service));
        List<String> problems = new ArrayList<>();
        double before = generated();
        long startUs = System.currentTimeMillis() * 1000;
        Answer on = Http.call(service, "PUT", "/api/traffic", "{\"rps\":20,\"mix\":{\"process\":3,\"process_fail\":1,"
                + "\"generate_logs\":1},\"maxInFlight\":64,\"logCount\":4,\"slowDelayMs\":300}");
        if (on.status() != 200) {
            problems.add("PUT /api/traffic: " + on.brief());
        }
        // At least 20 of its requests to check; on a busy machine it may take longer than 1 s at 20/s, bounded.
        Await.until(() -> generated() - before, n -> n >= 20, Duration.ofSeconds(30));
        Http.put(service, "/api/traffic", saved.traffic(service));
        // Until nothing is in flight, then one more scrape (one scrape is not one instant).
        for (int i = 0; i < 40 && Http.metric(service, "simulator_traffic_in_flight_requests") > 0; i++) {
            Await.sleep(250);
        }
        Await.sleep(300);
        long made = Math.round(generated() - before);
        if (made < 20) {
            problems.add("the generator made " + made + " requests in 30 s at 20/s");
        }
        // Until the last spans have left the queue (1 s schedule delay) and reached Jaeger, bounded.
        List<Trace> rooted = Await.until(() -> rootedInAClientSpan(startUs), r -> r.size() >= made,
                Duration.ofSeconds(30));
        if (rooted.size() != made) {
            problems.add(rooted.size() + " traces in Jaeger start with the generator's client span, but it counted "
                    + made + " requests");
        }
        for (Trace t : rooted) {
            Span server = t.spans().stream().filter(s -> "server".equals(s.kind())).findFirst().orElse(null);
            String route = server == null ? null : server.text("http.route");
            int status = server == null || server.tag("http.response.status_code") == null ? 0
                    : server.tag("http.response.status_code").asInt();
            String failed = server == null || status < 500 ? null
                    : TraceExpect.failedStepIn(server.eventField("exception.message"));
            TraceExpect expect = "/generate_logs".equals(route)
                    ? new TraceExpect(SERVICE, "GET", route, status, null, null, null, true)
                    : new TraceExpect(SERVICE, "GET", route, status, steps, failed, null, true);
            expect.problems(t).forEach(p -> problems.add("generator trace " + t.traceId() + ": " + p));
        }
        assertEquals(List.of(), problems,
                "traffic generator: each of its requests is a trace whose client span is the parent of the server "
                        + "span");
    }

    /** The traces of this service since {@code startUs} whose root is a client span: the generator's. */
    private static List<Trace> rootedInAClientSpan(long startUs) {
        long endUs = System.currentTimeMillis() * 1000;
        return jaeger.search(Map.of("service", SERVICE, "start", Long.toString(startUs), "end", Long.toString(endUs),
                "limit", "5000")).stream()
                .filter(t -> t.spans().stream().anyMatch(s -> s.parent() == null && "client".equals(s.kind())))
                .toList();
    }

    /** Requests the generator counted, but not those it dropped (they were never sent). */
    private static double generated() {
        return Http.metric(service, "simulator_traffic_requests_total")
                - Http.metric(service, "simulator_traffic_requests_total", "outcome=\"dropped\"");
    }

    @Test
    void noneIsLostWhen1000RequestsRunAtAModerateRateAndTheStepsChangeHalfway() throws Exception {
        JsonNode before = saved.settings(service);
        List<String> problems = new ArrayList<>();
        double droppedBefore = Http.metric(service, "simulator_spans_dropped_total");
        ObjectNode changed = before.deepCopy();
        ((ObjectNode) changed.get("process")).set("steps", Http.JSON.readTree(
                "[{\"name\":\"load-cart\",\"weight\":30},{\"name\":\"price-cart\",\"weight\":70}]"));
        List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        wave(500, stepNames(before), sent);
        Http.put(service, "/api/simulator", changed);
        wave(500, stepNames(changed), sent);
        Http.put(service, "/api/simulator", before);
        List<Sent> notOk = sent.stream().filter(s -> s.answer().status() != 200).toList();
        if (!notOk.isEmpty()) {
            problems.add(notOk.size() + " answers were not 200, e.g. " + notOk.get(0).answer().brief());
        }
        Map<String, Trace> found = awaitTraces(sent, problems);
        problems.addAll(traceProblems(sent, found, true));
        double lost = Http.metric(service, "simulator_spans_dropped_total") - droppedBefore;
        if (lost != 0) {
            problems.add("the service counted " + lost + " dropped spans (simulator_spans_dropped_total)");
        }
        assertEquals(1000, sent.size());
        assertEquals(List.of(), problems, "none lost: every one of 1000 requests (steps replaced after 500) is a "
                + "complete trace in Jaeger");
    }

    /** {@code count} requests from 8 workers, each pausing 20 ms between requests: a moderate rate. */
    private static void wave(int count, List<String> steps, List<Sent> sent) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int w = 0; w < 8; w++) {
            pool.execute(() -> {
                while (next.getAndIncrement() < count) {
                    sent.add(send("GET", "/process?delay_ms=4&fail=false", steps));
                    Await.sleep(20);
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(5, TimeUnit.MINUTES), "the wave of " + count + " requests did not end");
    }

    /**
     * Every Jaeger query of every dashboard returns data, as Grafana's Jaeger datasource sends it; once for each
     * service of {@code -Dlive.dashboard-services} as $service (a user picks each in turn), else for this service.
     */
    @Test
    void everyJaegerQueryOfEveryDashboardReturnsData() throws IOException {
        // What the panels look for, made here: a slow request, a simulated failure, a plain one to open by id.
        List<Sent> seeds = List.of(send("GET", "/process?delay_ms=300&fail=false", stepNames(saved.settings(service))),
                send("GET", "/process?fail=true", stepNames(saved.settings(service))),
                send("GET", "/process?delay_ms=20&fail=false", stepNames(saved.settings(service))));
        List<String> seeded = new ArrayList<>();
        Map<String, Trace> found = awaitTraces(seeds, seeded);
        assertEquals(seeds.size(), found.size(), "the seeded requests are traces in Jaeger " + seeded);
        String someTraceId = seeds.get(2).answer().traceId();
        long endMs = System.currentTimeMillis() + 1000;
        long startMs = endMs - 15 * 60 * 1000;
        List<String> services = LiveEnv.list("dashboard-services");
        List<String> problems = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.list(LiveEnv.root().resolve("grafana-dashboards"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode dashboard = Http.JSON.readTree(file.toFile());
                for (String s : services.isEmpty() ? List.of(SERVICE) : services) {
                    Map<String, String> values = variables(dashboard, s, someTraceId);
                    for (JsonNode t : jaegerTargets(dashboard)) {
                        checked++;
                        String where = file.getFileName() + " (service " + s + ") panel \"" + t.path("_panel")
                                .asText() + "\"";
                        jaegerQueryProblem(t, values, startMs, endMs).ifPresent(p -> problems.add(where + ": " + p));
                    }
                }
            }
        }
        assertTrue(checked > 0, "no Jaeger query in grafana-dashboards/");
        assertEquals(List.of(), problems, checked + " Jaeger queries of the dashboards return data");
    }

    /** The dashboard's variables as a user leaves them, with $service and $trace_id set. */
    private static Map<String, String> variables(JsonNode dashboard, String service, String traceId) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode v : dashboard.path("templating").path("list")) {
            String name = v.path("name").asText();
            JsonNode current = v.path("current").path("value");
            boolean all = current.isArray() ? current.toString().contains("$__all") : "$__all".equals(current.asText());
            values.put(name, switch (name) {
                case "trace_id" -> traceId; // what a user types, or an exemplar click sets
                case "service" -> service;
                default -> all ? v.path("allValue").asText(".+")
                        : current.isMissingNode() ? v.path("query").asText("") : current.asText();
            });
        }
        return values;
    }

    /** Every panel target (nested rows included) that runs against the datasource uid "jaeger". */
    private static List<JsonNode> jaegerTargets(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        List<JsonNode> stack = new ArrayList<>();
        dashboard.path("panels").forEach(stack::add);
        while (!stack.isEmpty()) {
            JsonNode panel = stack.remove(0);
            panel.path("panels").forEach(stack::add);
            for (JsonNode t : panel.path("targets")) {
                JsonNode ds = t.has("datasource") ? t.path("datasource") : panel.path("datasource");
                if ("jaeger".equals(ds.path("uid").asText())) {
                    out.add(((ObjectNode) t.deepCopy()).put("_panel", panel.path("title").asText()));
                }
            }
        }
        return out;
    }

    private static final Pattern VARIABLE = Pattern
            .compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\\}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    /** Grafana's variables substituted; one not set becomes ".+" as an All would. */
    private static String substitute(String text, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = name.startsWith("__") ? m.group() : values.getOrDefault(name, ".+");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static Optional<String> jaegerQueryProblem(JsonNode t, Map<String, String> values, long startMs,
            long endMs) {
        String type = t.path("queryType").asText("");
        switch (type) {
            case "search" -> {
                Map<String, String> params = new LinkedHashMap<>();
                params.put("service", substitute(t.path("service").asText(), values));
                params.put("start", Long.toString(startMs * 1000));
                params.put("end", Long.toString(endMs * 1000));
                params.put("limit", t.path("limit").asText("20"));
                for (String key : List.of("operation", "minDuration", "maxDuration")) {
                    if (!t.path(key).asText("").isEmpty()) {
                        params.put(key, substitute(t.path(key).asText(), values));
                    }
                }
                if (!t.path("tags").asText("").isEmpty()) {
                    // Grafana sends logfmt tags as Jaeger's JSON map.
                    ObjectNode tags = Http.JSON.createObjectNode();
                    for (String kv : substitute(t.path("tags").asText(), values).trim().split("\\s+")) {
                        String[] p = kv.split("=", 2);
                        tags.put(p[0], p.length > 1 ? p[1] : "");
                    }
                    params.put("tags", tags.toString());
                }
                String query = "/api/traces?" + JaegerQuery.query(params);
                Answer a = jaeger.get(query);
                if (a.status() != 200) {
                    return Optional.of(a.status() + " " + a.json().path("errors") + " for " + query);
                }
                return a.json().path("data").size() > 0 ? Optional.empty()
                        : Optional.of("no trace for " + query);
            }
            case "dependencyGraph" -> {
                return jaeger.dependencies(endMs, endMs - startMs).isEmpty() ? Optional.of("no dependency")
                        : Optional.empty();
            }
            case "", "traceql", "traceId" -> {
                String id = substitute(t.path("query").asText(), values);
                return jaeger.trace(id).map(tr -> tr.spans().isEmpty()).orElse(true)
                        ? Optional.of("trace " + id + " not found")
                        : Optional.empty();
            }
            default -> {
                return Optional.of("query type " + type + " is not checked here");
            }
        }
    }
}
