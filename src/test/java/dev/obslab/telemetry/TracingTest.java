package dev.obslab.telemetry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.obslab.support.InMemorySpans;
import dev.obslab.support.SettingsGuard;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** Spans as exported: checked in JVM mode, where the in-memory exporter can sit beside the OTLP one. */
@QuarkusTest
class TracingTest {

    @Inject
    InMemorySpanExporter exporter;

    @BeforeEach
    void reset() {
        exporter.reset();
    }

    @Test
    void oneServerSpanWithAChildSpanPerStep() {
        Response r = given().queryParam("delay_ms", 40).queryParam("fail", false).get("/process");
        String traceId = r.then().statusCode(200).extract().path("traceId");
        assertEquals(traceId, r.header("X-Trace-Id"));

        List<SpanData> spans = InMemorySpans.await(exporter, traceId, s -> s.size() >= 5);
        List<SpanData> servers = spans.stream().filter(s -> s.getKind() == SpanKind.SERVER).toList();
        assertEquals(1, servers.size(), "exactly one server span: " + spans);
        SpanData server = servers.get(0);
        assertEquals("GET /process", server.getName());
        assertEquals("/process", server.getAttributes().get(AttributeKey.stringKey("http.route")));
        assertEquals(200L, server.getAttributes().get(AttributeKey.longKey("http.response.status_code")));

        List<SpanData> steps = spans.stream().filter(s -> s.getKind() == SpanKind.INTERNAL).toList();
        assertEquals(List.of("validate-order", "reserve-inventory", "authorize-payment", "persist-order"),
                steps.stream().sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos()))
                        .map(SpanData::getName).toList());
        long delays = 0;
        for (SpanData step : steps) {
            assertEquals(server.getSpanId(), step.getParentSpanId());
            assertEquals(step.getName(), step.getAttributes().get(AttributeKey.stringKey("simulator.step.name")));
            delays += step.getAttributes().get(AttributeKey.longKey("simulator.step.delay_ms"));
            assertTrue(step.getEndEpochNanos() <= server.getEndEpochNanos());
        }
        assertEquals(40, delays);

        assertEquals("observability-lab", server.getResource().getAttribute(AttributeKey.stringKey("service.name")));
        assertTrue(server.getResource().getAttribute(AttributeKey.stringKey("service.version")) != null);
        assertTrue(server.getResource().getAttribute(AttributeKey.stringKey("deployment.environment")) != null);
    }

    @Test
    void simulatedFailureSetsErrorStatusAndRecordsOneExceptionEvent() {
        String traceId = given().queryParam("fail", true).queryParam("delay_ms", 20).get("/process").then()
                .statusCode(greaterThanOrEqualTo(500))
                .extract().path("traceId");
        List<SpanData> spans = InMemorySpans.await(exporter, traceId,
                s -> s.stream().anyMatch(x -> x.getKind() == SpanKind.SERVER));
        SpanData server = spans.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertEquals(StatusCode.ERROR, server.getStatus().getStatusCode());
        List<EventData> exceptions = server.getEvents().stream().filter(e -> e.getName().equals("exception")).toList();
        assertEquals(1, exceptions.size(), "one exception event: " + server.getEvents());
        assertEquals("dev.obslab.http.problem.SimulatedFailureException",
                exceptions.get(0).getAttributes().get(AttributeKey.stringKey("exception.type")));
        assertEquals(Boolean.TRUE, server.getAttributes().get(AttributeKey.booleanKey("simulator.failure.simulated")));
        assertTrue(spans.stream().anyMatch(s -> s.getKind() == SpanKind.INTERNAL
                && s.getStatus().getStatusCode() == StatusCode.ERROR), "the failing step is marked too");
    }

    @Test
    void aCallerThatGoesAwayStopsTheWorkAndClosesTheOpenStep() throws Exception {
        // 30 s of work: the first step (weight 10 of 100) would take 3 s, the second (weight 1) the 0.3 s after it;
        // the caller hangs up after 300 ms.
        SettingsGuard guard = new SettingsGuard();
        guard.save();
        try {
            SettingsGuard.change(s -> ((ObjectNode) s.get("process")).set("steps", s.arrayNode()
                    .add(s.objectNode().put("name", "validate-order").put("weight", 10))
                    .add(s.objectNode().put("name", "reserve-inventory").put("weight", 1))
                    .add(s.objectNode().put("name", "authorize-payment").put("weight", 89))));
            String traceId = "%032x".formatted(ThreadLocalRandom.current().nextLong() | 1);
            long sent = System.nanoTime();
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                socket.getOutputStream().write(("GET /process?delay_ms=30000&fail=false HTTP/1.1\r\nHost: localhost\r\n"
                        + "traceparent: 00-" + traceId + "-00f067aa0ba902b7-01\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                Thread.sleep(300);
            }
            List<SpanData> steps = InMemorySpans.await(exporter, traceId,
                    s -> s.stream().anyMatch(x -> x.getKind() == SpanKind.INTERNAL)).stream()
                    .filter(s -> s.getKind() == SpanKind.INTERNAL).toList();
            assertEquals(List.of("validate-order"), steps.stream().map(SpanData::getName).toList(),
                    "only the step in progress, ended when the caller left: " + steps);
            long stepMillis = (steps.get(0).getEndEpochNanos() - steps.get(0).getStartEpochNanos()) / 1_000_000;
            assertTrue(stepMillis < 3000, "the step was cut short, not run to its planned 3000 ms: " + stepMillis);
            // Had the work gone on, the second step would have ended (and been exported) 3.3 s after the request.
            long sinceSent = (System.nanoTime() - sent) / 1_000_000;
            Thread.sleep(Math.max(0, 4500 - sinceSent));
            assertTrue(exporter.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId))
                    .noneMatch(s -> s.getName().equals("reserve-inventory")), "no step ran after the caller left");
        } finally {
            guard.restore();
        }
    }

    @Test
    void logBurstRecordsCountAndLevels() {
        String traceId = given().queryParam("count", 12).queryParam("level", "WARN").get("/generate_logs").then()
                .statusCode(200).extract().path("traceId");
        SpanData server = InMemorySpans.await(exporter, traceId, s -> !s.isEmpty()).get(0);
        assertEquals(12L, server.getAttributes().get(AttributeKey.longKey("simulator.logs.count")));
        assertEquals("WARN", server.getAttributes().get(AttributeKey.stringKey("simulator.logs.level")));
        assertEquals(12L, server.getAttributes().get(AttributeKey.longKey("simulator.logs.warn_count")));
    }

    @Test
    void generatedTrafficShowsTheClientSpanAboveTheServerSpan() throws InterruptedException {
        String body = "{\"rps\":%d,\"mix\":{\"process\":1},\"maxInFlight\":8,\"logCount\":1,\"slowDelayMs\":0}";
        String saved = given().get("/api/traffic").then().extract().asString();
        try {
            given().contentType("application/json").body(body.formatted(20)).put("/api/traffic").then().statusCode(200);
            Thread.sleep(500);
        } finally {
            given().contentType("application/json").body(saved).put("/api/traffic").then().statusCode(200);
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        boolean linked = false;
        while (!linked && System.nanoTime() < deadline) {
            List<SpanData> spans = exporter.getFinishedSpanItems();
            linked = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).anyMatch(client -> spans.stream()
                    .anyMatch(server -> server.getKind() == SpanKind.SERVER
                            && server.getTraceId().equals(client.getTraceId())
                            && server.getParentSpanId().equals(client.getSpanId())
                            && server.getName().equals("GET /process")));
            Thread.sleep(50);
        }
        assertTrue(linked, "a generated request's server span is the child of its client span");
    }

    @Test
    void badInputAndUnknownPathsAreTracedToo() {
        String badTrace = given().queryParam("delay_ms", "x").get("/process").then().statusCode(400).extract()
                .header("X-Trace-Id");
        String unknownTrace = given().get("/nowhere").then().statusCode(404).extract().header("X-Trace-Id");
        assertEquals(1, InMemorySpans.await(exporter, badTrace, s -> !s.isEmpty()).size());
        assertEquals(1, InMemorySpans.await(exporter, unknownTrace, s -> !s.isEmpty()).size());
    }
}
