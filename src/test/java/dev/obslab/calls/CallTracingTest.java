package dev.obslab.calls;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.obslab.support.InMemorySpans;
import dev.obslab.support.SettingsGuard;
import dev.obslab.support.StubDownstream;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * The spans of a call step (JVM mode, in-memory exporter): step span, the REST client's span as its child, and the
 * downstream receiving that client span as the parent of its own server span (W3C traceparent).
 */
@QuarkusTest
class CallTracingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static StubDownstream stub;
    private final SettingsGuard settings = new SettingsGuard();

    @Inject
    InMemorySpanExporter exporter;

    @BeforeAll
    static void startStub() {
        stub = new StubDownstream();
    }

    @AfterAll
    static void stopStub() {
        stub.close();
    }

    @BeforeEach
    void save() {
        settings.save();
        stub.reset();
        exporter.reset();
        SettingsGuard.change(s -> {
            ArrayNode steps = JSON.createArrayNode();
            steps.add(JSON.createObjectNode().put("name", "reserve").put("weight", 1).put("call", stub.url()));
            steps.add(JSON.createObjectNode().put("name", "persist").put("weight", 1));
            ((ObjectNode) s.get("process")).set("steps", steps);
        });
    }

    @AfterEach
    void restore() {
        settings.restore();
    }

    @Test
    void theClientSpanIsAChildOfTheStepSpanAndTheDownstreamsParent() {
        Response r = given().queryParam("delay_ms", 20).queryParam("fail", false).get("/process");
        r.then().statusCode(200);
        String traceId = r.header("X-Trace-Id");
        List<SpanData> spans = InMemorySpans.await(exporter, traceId, s -> s.size() >= 4);
        SpanData server = one(spans, SpanKind.SERVER, "GET /process");
        SpanData step = spans.stream().filter(s -> s.getName().equals("reserve")).findFirst().orElseThrow();
        SpanData client = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst()
                .orElseThrow(() -> new AssertionError("no client span: " + spans));
        assertEquals(server.getSpanId(), step.getParentSpanId(), "step under the server span");
        assertEquals(step.getSpanId(), client.getParentSpanId(), "client span under the step span");
        assertEquals(stub.url(), step.getAttributes().get(AttributeKey.stringKey("simulator.step.call")));
        String traceparent = stub.received().get(0).header("traceparent");
        assertEquals("00-" + traceId + "-" + client.getSpanId() + "-01", traceparent,
                "the downstream's parent is the client span");
        SpanData persist = spans.stream().filter(s -> s.getName().equals("persist")).findFirst().orElseThrow();
        assertEquals(server.getSpanId(), persist.getParentSpanId());
        assertTrue(persist.getStartEpochNanos() >= client.getEndEpochNanos(), "the next step starts after the call");
    }

    @Test
    void aFailedCallFailsItsStepAndTheRequestWithOneExceptionEvent() {
        stub.answer(500, "application/problem+json", "{\"status\":500,\"simulated\":true,\"service\":\"payments\"}");
        Response r = given().queryParam("delay_ms", 0).get("/process");
        r.then().statusCode(502);
        List<SpanData> spans = InMemorySpans.await(exporter, r.header("X-Trace-Id"), s -> s.size() >= 3);
        SpanData server = one(spans, SpanKind.SERVER, "GET /process");
        SpanData step = spans.stream().filter(s -> s.getName().equals("reserve")).findFirst().orElseThrow();
        assertEquals(StatusCode.ERROR, step.getStatus().getStatusCode());
        assertEquals(StatusCode.ERROR, server.getStatus().getStatusCode());
        assertEquals(Boolean.TRUE, server.getAttributes().get(AttributeKey.booleanKey("simulator.failure.simulated")));
        assertEquals(1, server.getEvents().stream().filter(e -> e.getName().equals("exception")).count());
        assertTrue(spans.stream().noneMatch(s -> s.getName().equals("persist")), "the steps after it do not run");
    }

    private static SpanData one(List<SpanData> spans, SpanKind kind, String name) {
        List<SpanData> found = spans.stream().filter(s -> s.getKind() == kind && s.getName().equals(name)).toList();
        assertEquals(1, found.size(), kind + " " + name + " in " + spans);
        return found.get(0);
    }
}
