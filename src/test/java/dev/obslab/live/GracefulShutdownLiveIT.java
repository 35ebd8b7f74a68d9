package dev.obslab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.obslab.live.support.Http;
import dev.obslab.live.support.JaegerProcess;
import dev.obslab.live.support.JaegerQuery;
import dev.obslab.live.support.ServiceProcess;
import dev.obslab.support.Await;

/**
 * Graceful shutdown of the packaged service, proved with SIGTERM and slow requests in flight: 50 requests of 4 s
 * (longer than the 2 s shutdown delay) are sent at once, SIGTERM follows while they are in flight. Readiness reports
 * DOWN during the delay; every request is answered 200; the process exits 0 soon after the last answer and well within
 * the shutdown timeout (35 s); the log ends with Quarkus' "stopped in" line and holds the 50 completion lines; and
 * their traces are complete in the real Jaeger: answered a moment before the exit, only the flush on shutdown can have
 * sent them. The run happens once, before the tests; each test asserts one of those.
 */
class GracefulShutdownLiveIT {

    private static final int REQUESTS = 50;
    private static final int DELAY_MS = 4000;
    private static final long SHUTDOWN_TIMEOUT_MS = 35_000;

    private record Answer(Integer status, String contentType, String body) {
    }

    private static JaegerProcess jaegerProcess;
    private static ServiceProcess service;
    private static Http.Answer ready;
    private static String readyError;
    private static final List<Answer> answers = new ArrayList<>();
    private static Integer exitCode;
    private static long tookMs;
    private static long afterLastMs;

    @BeforeAll
    static void sigtermWithSlowRequestsInFlight() throws Exception {
        jaegerProcess = JaegerProcess.start("shutdown-jaeger");
        service = ServiceProcess.named("shutdown").exportTo(jaegerProcess).start().awaitReady();
        ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
        HttpRequest slow = HttpRequest.newBuilder(URI.create(service.url() + "/process?delay_ms=" + DELAY_MS
                + "&fail=false")).timeout(Duration.ofSeconds(60)).build();
        List<CompletableFuture<Answer>> inFlight = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            inFlight.add(CompletableFuture.supplyAsync(() -> {
                try {
                    HttpResponse<String> r = Http.send(slow);
                    return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
                } catch (RuntimeException e) {
                    return new Answer(null, "", e.toString());
                }
            }, pool));
        }
        Await.sleep(500); // all of them in flight: they take DELAY_MS
        long sigtermAt = System.nanoTime();
        service.terminate();
        Await.sleep(300);
        try {
            ready = Http.get(service.url(), "/q/health/ready");
        } catch (RuntimeException e) {
            readyError = e.toString();
        }
        for (CompletableFuture<Answer> f : inFlight) {
            answers.add(f.get(60, TimeUnit.SECONDS));
        }
        long lastAnswer = System.nanoTime();
        pool.shutdown();
        Process p = service.process();
        exitCode = p.waitFor(SHUTDOWN_TIMEOUT_MS + 10_000, TimeUnit.MILLISECONDS) ? p.exitValue() : null;
        long exited = System.nanoTime();
        tookMs = (exited - sigtermAt) / 1_000_000;
        afterLastMs = (exited - lastAnswer) / 1_000_000;
    }

    @AfterAll
    static void stop() {
        service.close();
        jaegerProcess.close();
    }

    @Test
    void readinessReportsDownOnceSigtermArrived() {
        assertNotNull(ready, "no answer from /q/health/ready: " + readyError);
        assertEquals(503, ready.status(), ready.brief());
        assertTrue(ready.text().contains("\"DOWN\""), ready.brief());
    }

    @Test
    void everyRequestInFlightIsAnswered200() {
        Map<String, Integer> statuses = new TreeMap<>();
        for (Answer a : answers) {
            boolean problem503 = Integer.valueOf(503).equals(a.status())
                    && a.contentType().startsWith("application/problem+json");
            String key = Integer.valueOf(200).equals(a.status()) || problem503 ? String.valueOf(a.status())
                    : a.status() + " " + a.body().substring(0, Math.min(80, a.body().length()));
            statuses.merge(key, 1, Integer::sum);
        }
        assertEquals(Map.of("200", REQUESTS), statuses, "answers");
    }

    @Test
    void exitsWithCode0() {
        assertEquals(0, exitCode, "exit code after SIGTERM");
    }

    /** Behaviour, not speed: it does not wait for the shutdown timeout, nor linger once the last answer is out. */
    @Test
    void exitsSoonAfterTheLastAnswerWithinTheShutdownTimeout() {
        assertNotNull(exitCode, "still running " + tookMs + " ms after SIGTERM");
        assertTrue(tookMs < SHUTDOWN_TIMEOUT_MS && afterLastMs < 8000, tookMs + " ms after SIGTERM, " + afterLastMs
                + " ms after the last answer (timeout " + SHUTDOWN_TIMEOUT_MS + " ms)");
    }

    private static List<JsonNode> logLines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(service.log())) {
            if (line.startsWith("{")) {
                lines.add(Http.JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void theLastLogLineIsQuarkusShutdownLine() throws IOException {
        List<JsonNode> lines = logLines();
        assertFalse(lines.isEmpty(), "no JSON line in " + service.log());
        JsonNode last = lines.get(lines.size() - 1);
        assertTrue("io.quarkus".equals(last.path("loggerName").asText())
                && last.path("message").asText().contains("stopped in"), "last line: " + last.path("message"));
    }

    @Test
    void everyAnsweredRequestWroteItsCompletionLine() throws IOException {
        long completions = logLines().stream().map(l -> l.path("mdc"))
                .filter(m -> "request.completed".equals(m.path("event").asText())
                        && "/process".equals(m.path("route").asText()) && "200".equals(m.path("status").asText()))
                .count();
        assertEquals(REQUESTS, completions, "completion lines of /process 200");
    }

    /** Jaeger batches what it receives (up to 200 ms) before its store has it: looked for again, bounded. */
    @Test
    void theAnsweredRequestsTracesReachedJaegerFlushedOnShutdown() {
        List<String> ids = new ArrayList<>();
        for (Answer a : answers) {
            JsonNode json = Http.parse(a.body());
            if (json != null && json.hasNonNull("traceId")) {
                ids.add(json.path("traceId").asText());
            }
        }
        assertFalse(ids.isEmpty(), "no trace id in the answers");
        // the server span and the four default steps
        List<String> missing = new JaegerQuery(jaegerProcess.queryUrl()).incomplete(ids, 5, 30);
        assertEquals(List.of(), missing, (ids.size() - missing.size()) + " of " + ids.size()
                + " traces complete in Jaeger");
    }
}
