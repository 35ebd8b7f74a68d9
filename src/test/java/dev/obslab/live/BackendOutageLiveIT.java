package dev.obslab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import dev.obslab.live.support.Http;
import dev.obslab.live.support.JaegerBackend;
import dev.obslab.live.support.JaegerProcess;
import dev.obslab.live.support.JaegerQuery;
import dev.obslab.live.support.LiveEnv;
import dev.obslab.live.support.PrometheusProcess;
import dev.obslab.live.support.ServiceProcess;
import dev.obslab.live.support.Started;
import dev.obslab.support.Await;

/**
 * Backends fail, the service does not. Under steady load (OUTAGE workers, each a request every 100 ms) the real Jaeger
 * is killed (SIGKILL, as a crash) and started again with the same config, and the real Prometheus that scrapes the
 * service is killed too. Every request is answered, latency does not jump, the lost spans are counted, export resumes
 * by itself. The run happens once, before the tests; each test asserts one of those.
 * <p>
 * Against a running stack (compose): {@code -Dlive.service-url}, {@code -Dlive.jaeger-url}, and
 * {@code -Dlive.jaeger-kill-cmd} / {@code -start-cmd} / {@code -health-url} act on its Jaeger; Prometheus is left
 * alone. {@code -Dlive.outage.workers} (5), {@code .load-ms} (16000), {@code .min-limit-ms} (0: a floor for the
 * latency limit where killing a container itself costs CPU beside the service), {@code .resume-grace-ms} (2000: how
 * long the exporter may take to reconnect), {@code .late-delivery=true} (a killed container blackholes the
 * connection: spans wait and reach the restarted Jaeger late, none dropped), {@code .report=FILE} (the failed export
 * count, for the caller's log check).
 */
@Isolated // measures latency against a quiet machine
class BackendOutageLiveIT {

    private static final long KILL_JAEGER_AT = 4000;
    private static final long KILL_PROMETHEUS_AT = 6000;
    private static final long RESTART_JAEGER_AT = 9000;
    private static final int WORKERS = (int) LiveEnv.number("outage.workers", 5);
    private static final long LOAD_MS = LiveEnv.number("outage.load-ms", 16000);

    private record Result(long at, long ms, String status, String traceId) {
    }

    @AutoClose
    static final Started started = new Started();
    private static final List<Result> results = Collections.synchronizedList(new ArrayList<>());
    private static String service;
    private static JaegerBackend jaegerBackend;
    private static JaegerQuery jaeger;
    private static PrometheusProcess prometheus;
    private static Long backAt;
    private static double lost;
    private static double failed;

    @BeforeAll
    static void runTheOutage() throws Exception {
        service = LiveEnv.url("service").orElse(null);
        if (service == null) {
            JaegerProcess jaegerProcess = JaegerProcess.start("outage-jaeger");
            started.add(jaegerProcess);
            jaegerBackend = jaegerProcess;
            ServiceProcess s = ServiceProcess.named("outage").exportTo(jaegerProcess).start().awaitReady();
            started.add(s);
            service = s.url();
            prometheus = PrometheusProcess.start("outage-prometheus", Map.of("observability-lab",
                    service.replace("http://", ""), "prometheus", "self", "jaeger", jaegerProcess.metricsAddress()));
            started.add(prometheus);
        } else {
            jaegerBackend = JaegerBackend.external(LiveEnv.url("jaeger").orElseThrow());
        }
        assertTrue(jaegerBackend.killable(), "Jaeger cannot be killed here: give -Dlive.jaeger-kill-cmd and "
                + "-Dlive.jaeger-start-cmd");
        jaeger = new JaegerQuery(jaegerBackend.queryUrl());

        warmUp();
        double lostBefore = Http.metric(service, "simulator_spans_dropped_total");
        double failedBefore = Http.metric(service, "simulator_span_exports_failed_total");
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS + 1);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            running.add(pool.submit(() -> load(t0)));
        }
        running.add(pool.submit(() -> {
            sleepUntil(t0, KILL_JAEGER_AT);
            jaegerBackend.kill();
            sleepUntil(t0, KILL_PROMETHEUS_AT);
            if (prometheus != null) {
                prometheus.kill();
            }
            sleepUntil(t0, RESTART_JAEGER_AT);
            jaegerBackend.start();
            for (int i = 0; i < 60 && backAt == null; i++) {
                if (Http.ok(jaegerBackend.healthUrl())) {
                    backAt = millisSince(t0);
                } else {
                    Await.sleep(250);
                }
            }
            return null;
        }));
        for (Future<?> f : running) {
            f.get(LOAD_MS + 60_000, TimeUnit.MILLISECONDS);
        }
        pool.shutdown();
        Await.sleep(3000); // the last batches leave the queue
        lost = Http.metric(service, "simulator_spans_dropped_total") - lostBefore;
        failed = Http.metric(service, "simulator_span_exports_failed_total") - failedBefore;
        System.out.printf("outage: %d requests, Jaeger back at %s ms, %.0f spans dropped, %.0f failed exports%n",
                results.size(), backAt, lost, failed);
        Path report = LiveEnv.text("outage.report").map(Path::of).orElse(null);
        if (report != null) {
            Files.writeString(report, "outage-failed-exports " + Math.round(failed) + "\n");
        }
    }

    /**
     * 1000 requests first, unrecorded: a fresh JVM's first requests are slow (class loading, JIT), and they must not
     * set the "before" latency the outage is compared with.
     */
    private static void warmUp() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service + "/process?delay_ms=0&fail=false"))
                .timeout(Duration.ofSeconds(10)).build();
        AtomicInteger left = new AtomicInteger(1000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int w = 0; w < 8; w++) {
            pool.execute(() -> {
                while (left.getAndDecrement() > 0) {
                    Http.send(request);
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(2, TimeUnit.MINUTES), "the warm-up did not end");
    }

    private static void load(long t0) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service + "/process?delay_ms=10&fail=false"))
                .timeout(Duration.ofSeconds(10)).build();
        while (millisSince(t0) < LOAD_MS) {
            long at = millisSince(t0);
            String status;
            String traceId = null;
            try {
                HttpResponse<String> res = Http.send(request);
                status = Integer.toString(res.statusCode());
                traceId = res.headers().firstValue("X-Trace-Id").orElse(null);
            } catch (RuntimeException e) {
                status = "error " + e.getMessage();
            }
            long ms = millisSince(t0) - at;
            results.add(new Result(at, ms, status, traceId));
            Await.sleep(Math.max(0, 100 - ms));
        }
    }

    @Test
    void everyRequestIsAnsweredWhileTheBackendsAreAway() {
        List<Result> bad = results.stream().filter(r -> !r.status().equals("200")).toList();
        assertTrue(results.size() > 0, "no request was made");
        assertEquals(List.of(), bad.stream().limit(5).map(r -> "at " + r.at() + " ms: " + r.status()).toList(),
                (results.size() - bad.size()) + " of " + results.size() + " requests 200 while Jaeger was killed and "
                        + "restarted" + (prometheus != null ? " and Prometheus killed" : ""));
    }

    /** A jump is what a blocking exporter would cause (seconds); the limit allows for a busy 2-core machine. */
    @Test
    void latencyDoesNotJumpWhileTheBackendsAreAway() {
        long end = backAt != null ? backAt : RESTART_JAEGER_AT;
        List<Long> before = results.stream().filter(r -> r.at() < KILL_JAEGER_AT).map(Result::ms).toList();
        List<Long> during = results.stream().filter(r -> r.at() >= KILL_JAEGER_AT && r.at() < end)
                .map(Result::ms).toList();
        long pb = p99(before);
        long pd = p99(during);
        long limit = Math.max(Math.max(2 * pb, pb + 50), LiveEnv.number("outage.min-limit-ms", 0));
        assertTrue(during.size() >= 10, "only " + during.size() + " requests during the outage");
        assertTrue(pd <= limit, "p99 " + pb + " ms before, " + pd + " ms during; limit " + limit + " ms");
    }

    private static long p99(List<Long> xs) {
        List<Long> s = xs.stream().sorted().toList();
        return s.isEmpty() ? Long.MAX_VALUE : s.get(Math.min(s.size() - 1, (int) Math.floor(0.99 * s.size())));
    }

    /**
     * Every span of the outage is accounted for. A killed process refuses connections: exports fail, spans are dropped
     * and counted. A killed container leaves its connection blackholed (late delivery): the export in flight waits, no
     * export fails, and the spans reach the restarted Jaeger late; then each request of the outage must be a trace in
     * it, since no drop was counted.
     */
    @Test
    void theSpansOfTheOutageAreCountedAsLostOrDeliveredLate() {
        if (lost > 0 && failed > 0) {
            return;
        }
        boolean late = Boolean.parseBoolean(LiveEnv.text("outage.late-delivery").orElse("false"));
        assertTrue(late && lost == 0 && failed == 0, "the spans lost while Jaeger was away are counted: "
                + "simulator_spans_dropped_total (+" + lost + ") and simulator_span_exports_failed_total (+" + failed
                + ") must rise together");
        long end = backAt != null ? backAt : RESTART_JAEGER_AT;
        List<String> during = results.stream().filter(r -> r.at() >= KILL_JAEGER_AT && r.at() < end
                && r.traceId() != null).map(Result::traceId).toList();
        assertTrue(during.size() >= 10, "only " + during.size() + " requests during the outage");
        List<String> missing = jaeger.incomplete(during, 5, 40);
        assertEquals(List.of(), missing.stream().limit(3).toList(), "traces of the outage neither in Jaeger nor "
                + "counted as dropped (" + (during.size() - missing.size()) + " of " + during.size() + " arrived)");
    }

    @Test
    void exportResumesByItselfOnceJaegerIsBack() {
        assertNotNull(backAt, "Jaeger did not come back");
        long grace = LiveEnv.number("outage.resume-grace-ms", 2000);
        List<String> after = results.stream().filter(r -> r.at() > backAt + grace && r.traceId() != null)
                .map(Result::traceId).toList();
        assertTrue(after.size() >= 10, "only " + after.size() + " requests after Jaeger came back");
        List<String> missing = jaeger.incomplete(after, 5, 20);
        assertEquals(List.of(), missing.stream().limit(3).toList(), missing.size() + " of " + after.size()
                + " traces made " + grace + " ms or more after Jaeger came back are not in it");
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void sleepUntil(long t0, long atMillis) {
        Await.sleep(Math.max(0, atMillis - millisSince(t0)));
    }
}
