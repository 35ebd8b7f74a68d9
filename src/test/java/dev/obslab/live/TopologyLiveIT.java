package dev.obslab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.obslab.live.support.Http;
import dev.obslab.live.support.Http.Answer;
import dev.obslab.live.support.JaegerProcess;
import dev.obslab.live.support.JaegerQuery;
import dev.obslab.live.support.JaegerQuery.Span;
import dev.obslab.live.support.JaegerQuery.Trace;
import dev.obslab.live.support.LiveEnv;
import dev.obslab.live.support.SavedSettings;
import dev.obslab.live.support.Started;
import dev.obslab.live.support.ServiceProcess;
import dev.obslab.support.Await;

/**
 * Several services from one image: three instances play checkout, inventory and payments (checkout's steps call the
 * other two), all exporting to the real Jaeger. One trace spans the three; failures, timeouts and loops travel as the
 * contract says; the call metrics count every call; scenarios started on checkout change the others' settings; Jaeger
 * draws both edges. With {@code -Dlive.checkout-url}, {@code -inventory-url}, {@code -payments-url} and
 * {@code -jaeger-url} (compose) nothing is started; {@code -Dlive.checkout-call-url} is how inventory reaches checkout
 * there, {@code -Dlive.call-timeout-ms} checkout's call timeout.
 */
class TopologyLiveIT {

    @AutoClose
    static final Started started = new Started();
    private static String checkout;
    private static String inventory;
    private static String payments;
    private static String checkoutCallUrl;
    private static long callTimeoutMs;
    private static JaegerQuery jaeger;

    @RegisterExtension
    static final SavedSettings saved = new SavedSettings(() -> List.of(checkout, inventory, payments));

    @BeforeAll
    static void start() {
        checkout = LiveEnv.url("checkout").orElse(null);
        if (checkout != null) {
            inventory = LiveEnv.url("inventory").orElseThrow();
            payments = LiveEnv.url("payments").orElseThrow();
            jaeger = new JaegerQuery(LiveEnv.url("jaeger").orElseThrow());
            callTimeoutMs = LiveEnv.number("call-timeout-ms", 5000);
            checkoutCallUrl = LiveEnv.url("checkout-call").orElse(checkout);
            return;
        }
        JaegerProcess jaegerProcess = JaegerProcess.start("topology-jaeger");
        started.add(jaegerProcess);
        jaeger = new JaegerQuery(jaegerProcess.queryUrl());
        callTimeoutMs = 1500;
        List<ServiceProcess> downstreams = ServiceProcess.startAll(
                ServiceProcess.named("topology-inventory").exportTo(jaegerProcess)
                        .env("QUARKUS_OTEL_SERVICE_NAME", "inventory")
                        .env("SIMULATOR_PROCESS_STEPS", "lookup-stock:40,hold-items:60"),
                ServiceProcess.named("topology-payments").exportTo(jaegerProcess)
                        .env("QUARKUS_OTEL_SERVICE_NAME", "payments")
                        .env("SIMULATOR_PROCESS_STEPS", "fraud-check:30,authorize:50,capture:20"));
        downstreams.forEach(started::add);
        inventory = downstreams.get(0).url();
        payments = downstreams.get(1).url();
        ServiceProcess checkoutProcess = ServiceProcess.named("topology-checkout").exportTo(jaegerProcess)
                .env("QUARKUS_OTEL_SERVICE_NAME", "checkout")
                .env("SIMULATOR_PROCESS_CALL_TIMEOUT_MS", Long.toString(callTimeoutMs))
                .env("SIMULATOR_SCENARIOS_SERVICES", "inventory=" + inventory + ",payments=" + payments)
                .env("SIMULATOR_PROCESS_STEPS", "validate-cart:10,reserve-stock:30@" + inventory + ",charge-card:40@"
                        + payments + ",confirm-order:20")
                .start();
        started.add(checkoutProcess);
        checkout = checkoutProcess.awaitReady().url();
        checkoutCallUrl = checkout;
    }

    /** Deterministic: no drawn failures anywhere while a test runs (SavedSettings puts the rate back). */
    @BeforeEach
    void noDrawnFailures() {
        for (String base : List.of(checkout, inventory, payments)) {
            change(base, p -> p.put("failureRate", 0));
        }
    }

    /** PUT the settings saved before this test with {@code edit} applied to their process part. */
    private static void change(String base, Consumer<ObjectNode> edit) {
        ObjectNode settings = saved.settings(base).deepCopy();
        ObjectNode process = (ObjectNode) settings.get("process");
        process.put("failureRate", 0);
        edit.accept(process);
        Http.put(base, "/api/simulator", settings);
    }

    @Test
    void oneTraceSpansTheThreeServicesLinkedAcrossEveryHttpHop() {
        List<String> problems = new ArrayList<>();
        Answer r = Http.get(checkout, "/process?delay_ms=100&fail=false");
        if (r.status() != 200) {
            problems.add("checkout answered " + r.brief());
        }
        int total = spansPerRequest(checkout) + spansPerRequest(inventory) + spansPerRequest(payments);
        Trace trace = jaeger.await(List.of(r.traceId()), id -> total, Duration.ofSeconds(20)).get(r.traceId());
        if (trace == null) {
            problems.add("trace " + r.traceId() + " is not in Jaeger");
        } else {
            if (trace.spans().size() != total) {
                problems.add(trace.spans().size() + " spans, want " + total);
            }
            TreeSet<String> services = new TreeSet<>(trace.spans().stream().map(Span::service).toList());
            if (!services.toString().equals("[checkout, inventory, payments]")) {
                problems.add("services in the trace: " + services);
            }
            List<Span> roots = trace.spans().stream().filter(s -> s.parent() == null).toList();
            if (roots.size() != 1 || !"checkout".equals(roots.get(0).service())
                    || !"server".equals(roots.get(0).kind())) {
                problems.add("root spans: " + roots.stream().map(s -> s.service() + " " + s.operationName()).toList());
            }
            Span root = roots.isEmpty() ? null : roots.get(0);
            hopProblems(trace, root, "inventory", "reserve-stock", problems);
            hopProblems(trace, root, "payments", "charge-card", problems);
        }
        assertEquals(List.of(), problems, "one trace spans checkout, inventory and payments (trace " + r.traceId()
                + ")");
    }

    /** server span -> step span -> client span -> the downstream's server span; its steps add up to the share. */
    private static void hopProblems(Trace trace, Span root, String down, String step, List<String> problems) {
        Span server = trace.spans().stream().filter(s -> down.equals(s.service()) && "server".equals(s.kind()))
                .findFirst().orElse(null);
        if (server == null) {
            problems.add("no " + down + " server span");
            return;
        }
        Span client = parentOf(trace, server);
        Span stepSpan = parentOf(trace, client);
        Span top = parentOf(trace, stepSpan);
        if (client == null || !"client".equals(client.kind()) || !"checkout".equals(client.service())) {
            problems.add(down + "'s server span's parent is not checkout's client span");
        }
        if (stepSpan == null || !step.equals(stepSpan.operationName()) || !"checkout".equals(stepSpan.service())) {
            problems.add("the client span to " + down + " is not a child of checkout's step " + step + " (got "
                    + (stepSpan == null ? null : stepSpan.operationName()) + ")");
        }
        if (top == null || top != root) {
            problems.add("step " + step + " is not a child of checkout's server span");
        }
        JsonNode share = stepSpan == null ? null : stepSpan.tag("simulator.step.delay_ms");
        double sum = trace.childrenOf(server).stream()
                .mapToDouble(s -> s.tag("simulator.step.delay_ms") == null ? Double.NaN
                        : s.tag("simulator.step.delay_ms").asDouble())
                .sum();
        if (share == null || sum != share.asDouble()) {
            problems.add(down + "'s steps add up to " + sum + " ms, but checkout forwarded " + share + " ms");
        }
    }

    private static Span parentOf(Trace trace, Span span) {
        return span == null || span.parent() == null ? null : trace.span(span.parent()).orElse(null);
    }

    /** The server span, one span per step and one client span per call step. */
    private static int spansPerRequest(String base) {
        int n = 1;
        for (JsonNode step : saved.settings(base).path("process").path("steps")) {
            n += step.hasNonNull("call") ? 2 : 1;
        }
        return n;
    }

    @Test
    void aFailureInPaymentsComesBackFromCheckoutAs502NamingPayments() {
        change(payments, p -> p.put("failureRate", 1));
        Answer r = Http.get(checkout, "/process");
        change(payments, p -> p.put("failureRate", 0));
        List<String> problems = new ArrayList<>();
        if (r.status() != 502) {
            problems.add("checkout answered " + r.brief() + ", want 502");
        }
        JsonNode origin = r.json() == null ? null : r.json().path("origin");
        if (origin == null || !"payments".equals(origin.path("service").asText())) {
            problems.add("origin " + origin + ", want payments");
        }
        if (r.json() == null || !r.json().path("simulated").asBoolean(false) || !r.json().path("simulated")
                .isBoolean()) {
            problems.add("simulated " + (r.json() == null ? null : r.json().path("simulated"))
                    + ", want true (the root cause was simulated)");
        }
        List<Integer> statuses = new ArrayList<>();
        saved.settings(payments).path("process").path("failureStatuses").fieldNames()
                .forEachRemaining(k -> statuses.add(Integer.parseInt(k)));
        if (origin == null || !origin.path("status").isInt() || !statuses.contains(origin.path("status").asInt())) {
            problems.add("origin status " + (origin == null ? null : origin.path("status"))
                    + " is not one of payments' failure statuses " + statuses);
        }
        Answer forced = Http.get(checkout, "/process?fail=true");
        if (forced.status() != 502 || forced.json() == null
                || !"inventory".equals(forced.json().path("origin").path("service").asText())) {
            problems.add("fail=true on checkout: " + forced.brief()
                    + ", want 502 from inventory (the first call step)");
        }
        assertEquals(List.of(), problems, "a failure in payments is checkout's 502 naming payments; fail=true "
                + "travels down the first call");
    }

    /**
     * Payments three times slower than checkout's call timeout: a 504 once the timeout has passed, and before payments
     * would have answered (the call was cut, not waited for). No bound nearer the timer: this runs on busy machines.
     */
    @Test
    void aPaymentsLatencyPastTheCallTimeoutGivesCheckoutA504() {
        long paymentsMs = callTimeoutMs * 3;
        change(payments, p -> p.set("latency", Http.JSON.createObjectNode().put("distribution", "fixed")
                .put("fixedMs", paymentsMs)));
        long t0 = System.nanoTime();
        Answer r = Http.get(checkout, "/process");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        change(payments, p -> {
        });
        assertEquals(504, r.status(), "checkout answered " + r.brief());
        assertTrue(ms >= callTimeoutMs && ms < paymentsMs, "answered after " + ms + " ms; want at least the "
                + "call timeout (" + callTimeoutMs + " ms) and less than payments' latency (" + paymentsMs + " ms)");
    }

    @Test
    void aLoopCheckoutInventoryCheckoutIsCutAtTheHopLimit() {
        double before = served();
        change(inventory, p -> ((ArrayNode) p.get("steps")).add(Http.JSON
                .createObjectNode().put("name", "back-to-checkout").put("weight", 1).put("call", checkoutCallUrl)));
        Answer r = Http.get(checkout, "/process?delay_ms=0");
        change(inventory, p -> {
        });
        Await.sleep(300);
        long n = Math.round(served() - before);
        List<String> problems = new ArrayList<>();
        JsonNode origin = r.json() == null ? null : r.json().path("origin");
        if (r.status() != 502 || origin == null || origin.path("status").asInt() != 508) {
            problems.add("checkout answered " + r.status() + " origin " + origin + ", want 502 with origin status 508");
        }
        // checkout -> inventory -> checkout ... hops 0..8 served, hop 9 refused: 10 requests
        if (n != 10) {
            problems.add(n + " requests to /process on checkout and inventory, want 10");
        }
        assertEquals(List.of(), problems, "a loop checkout -> inventory -> checkout is cut at the hop limit");
    }

    private static double served() {
        return Http.metric(checkout, "http_server_requests_seconds_count", "uri=\"/process\"")
                + Http.metric(inventory, "http_server_requests_seconds_count", "uri=\"/process\"");
    }

    @Test
    void theCallMetricsCountExactlyTheCallsMade() {
        int n = 20;
        Map<String, String[]> series = new LinkedHashMap<>();
        series.put("checkout simulator_calls_total{step=\"reserve-stock\",outcome=\"success\"}",
                new String[] { checkout, "simulator_calls_total", "step=\"reserve-stock\"", "outcome=\"success\"" });
        series.put("checkout simulator_calls_total{step=\"charge-card\",outcome=\"success\"}",
                new String[] { checkout, "simulator_calls_total", "step=\"charge-card\"", "outcome=\"success\"" });
        series.put("checkout http_client_requests_seconds_count{uri=\"/process\"}",
                new String[] { checkout, "http_client_requests_seconds_count", "uri=\"/process\"" });
        series.put("inventory http_server_requests_seconds_count{uri=\"/process\"}",
                new String[] { inventory, "http_server_requests_seconds_count", "uri=\"/process\"" });
        series.put("payments http_server_requests_seconds_count{uri=\"/process\"}",
                new String[] { payments, "http_server_requests_seconds_count", "uri=\"/process\"" });
        Map<String, Double> before = new HashMap<>();
        series.forEach((k, s) -> before.put(k, metric(s)));
        List<String> problems = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Answer r = Http.get(checkout, "/process?delay_ms=0");
            if (r.status() != 200) {
                problems.add("request " + k + ": " + r.status());
            }
        }
        Await.sleep(300);
        series.forEach((k, s) -> {
            long rose = Math.round(metric(s) - before.get(k));
            long want = k.contains("client") ? 2L * n : n; // one client request per call: two calls per request
            if (rose != want) {
                problems.add(k + " rose by " + rose + ", want " + want);
            }
        });
        assertEquals(List.of(), problems, "the call metrics count exactly the " + 2 * n + " calls of " + n
                + " requests");
    }

    private static double metric(String[] s) {
        return Http.metric(s[0], s[1], Arrays.copyOfRange(s, 2, s.length));
    }

    @ParameterizedTest(name = "scenario {0} on checkout changes {1}''s settings and puts them back")
    @CsvSource({ "payments-latency, payments", "inventory-errors, inventory" })
    void aScenarioStartedOnCheckoutChangesADownstreamsSettingsAndPutsThemBack(String scenario, String downstream) {
        String base = downstream.equals("payments") ? payments : inventory;
        Predicate<JsonNode> changed = downstream.equals("payments")
                ? s -> "log-normal".equals(s.path("process").path("latency").path("distribution").asText())
                        && s.path("process").path("latency").path("medianMs").asDouble() == 900
                : s -> s.path("process").path("failureRate").asDouble() == 0.3;
        String before = Http.json(base, "/api/simulator").toString();
        List<String> problems = new ArrayList<>();
        if (!Http.json(checkout, "/api/scenarios").toString().contains("\"" + scenario + "\"")) {
            problems.add("checkout does not list " + scenario);
        }
        Answer start = Http.call(checkout, "POST", "/api/scenarios/" + scenario, null);
        if (start.status() != 202) {
            problems.add("POST /api/scenarios/" + scenario + ": " + start.brief());
        }
        if (!changed.test(Await.until(() -> Http.json(base, "/api/simulator"), changed, Duration.ofSeconds(5)))) {
            problems.add(downstream + "'s settings did not change while " + scenario + " ran");
        }
        Answer stopped = Http.call(checkout, "DELETE", "/api/scenarios/active", null);
        if (stopped.status() != 200) {
            problems.add("DELETE /api/scenarios/active: " + stopped.status());
        }
        if (!before.equals(Await.until(() -> Http.json(base, "/api/simulator").toString(), before::equals,
                Duration.ofSeconds(5)))) {
            problems.add(downstream + "'s settings were not put back when " + scenario + " stopped");
        }
        assertEquals(List.of(), problems, "scenario " + scenario + " on checkout changes " + downstream
                + "'s settings through its API and puts them back");
    }

    @Test
    void jaegersDependencyGraphHasCheckoutToInventoryAndToPayments() {
        assertEquals(200, Http.get(checkout, "/process?delay_ms=0").status());
        Predicate<List<JsonNode>> both = links -> has(links, "inventory") && has(links, "payments");
        List<JsonNode> links = Await.until(() -> jaeger.dependencies(System.currentTimeMillis(), 3_600_000), both,
                Duration.ofSeconds(30));
        List<String> missing = new ArrayList<>();
        for (String child : List.of("inventory", "payments")) {
            if (!has(links, child)) {
                missing.add("no checkout -> " + child);
            }
        }
        assertEquals(List.of(), missing, "Jaeger's dependency graph: " + links.stream()
                .map(l -> l.path("parent").asText() + "->" + l.path("child").asText()).toList());
    }

    private static boolean has(List<JsonNode> links, String child) {
        return links.stream().anyMatch(l -> "checkout".equals(l.path("parent").asText())
                && child.equals(l.path("child").asText()) && l.path("callCount").asLong() > 0);
    }
}
