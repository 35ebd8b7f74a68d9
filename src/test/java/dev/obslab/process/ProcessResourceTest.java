package dev.obslab.process;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.obslab.http.problem.ProblemTypes;
import dev.obslab.support.Concurrent;
import dev.obslab.support.Scrape;
import dev.obslab.support.SettingsGuard;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class ProcessResourceTest {

    private final SettingsGuard settings = new SettingsGuard();

    @BeforeEach
    void save() {
        settings.save();
    }

    @AfterEach
    void restore() {
        settings.restore();
    }

    @Test
    void successAnswersTheContractShapeWithTraceIdInHeaderAndBody() {
        Response r = given().queryParam("delay_ms", 40).queryParam("fail", false).get("/process");
        r.then().statusCode(200).contentType("application/json")
                .body("requestId", matchesPattern("[0-9a-f-]{36}"))
                .body("status", equalTo("ok"))
                .body("latencyMs", greaterThanOrEqualTo(40f))
                .body("steps.name", contains("validate-order", "reserve-inventory", "authorize-payment", "persist-order"))
                .body("steps.delayMs.sum()", equalTo(40))
                .body("traceId", matchesPattern("[0-9a-f]{32}"));
        assertEquals(r.header("X-Trace-Id"), r.path("traceId"));
        assertEquals(r.header("X-Request-Id"), r.path("requestId"));
    }

    @Test
    void postDoesTheSameWork() {
        given().queryParam("delay_ms", 0).queryParam("fail", false).body("{\"ignored\":true}")
                .post("/process").then().statusCode(200).body("status", equalTo("ok"));
    }

    @Test
    void forcedFailureIsASimulatedProblemWithTraceId() {
        Response r = given().queryParam("fail", true).queryParam("delay_ms", 0).get("/process");
        r.then().statusCode(anyOf(is(500), is(502), is(503), is(504)))
                .contentType("application/problem+json")
                .body("simulated", equalTo(true))
                .body("type", equalTo(ProblemTypes.SIMULATED_FAILURE))
                .body("status", equalTo(r.statusCode()))
                .body("detail", containsString("Simulated failure"))
                .body("requestId", notNullValue());
        assertEquals(r.header("X-Trace-Id"), r.path("traceId"));
    }

    @Test
    void clientRequestIdIsReusedWhenWellFormed() {
        given().header("X-Request-Id", "my-req.42").queryParam("delay_ms", 0).queryParam("fail", false)
                .get("/process").then().statusCode(200).header("X-Request-Id", "my-req.42")
                .body("requestId", equalTo("my-req.42"));
        given().header("X-Request-Id", "bad id with spaces <script>").queryParam("delay_ms", 0)
                .queryParam("fail", false).get("/process").then().statusCode(200)
                .body("requestId", matchesPattern("[0-9a-f-]{36}"));
    }

    @ParameterizedTest
    @CsvSource({ "delay_ms,-1", "delay_ms,30001", "delay_ms,abc", "delay_ms,1.5", "delay_ms,1e3", "fail,maybe",
            "fail,1" })
    void badParameterIsA400NamingIt(String name, String value) {
        given().queryParam(name, value).get("/process").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.INVALID_PARAMETERS))
                .body("status", equalTo(400))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("errors.field", contains(name))
                .header("X-Trace-Id", matchesPattern("[0-9a-f]{32}"));
    }

    @Test
    void everyBadParameterIsNamedInOneAnswer() {
        given().queryParam("delay_ms", "x").queryParam("fail", "y").post("/process").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("delay_ms", "fail"));
    }

    @Test
    void boundaryValuesAreAccepted() {
        given().queryParam("delay_ms", 0).queryParam("fail", "FALSE").get("/process").then().statusCode(200);
    }

    @Test
    void unknownPathIs404Problem() {
        Response r = given().get("/no/such/path");
        r.then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("type", equalTo(ProblemTypes.NOT_FOUND));
        assertEquals(r.header("X-Trace-Id"), r.path("traceId"));
    }

    @Test
    void wrongMethodIs405Problem() {
        given().delete("/process").then().statusCode(405).contentType("application/problem+json")
                .body("status", equalTo(405)).body("type", equalTo(ProblemTypes.METHOD_NOT_ALLOWED));
        given().post("/api/simulator").then().statusCode(405).contentType("application/problem+json");
    }

    @Test
    void failureRateZeroAndOneAreExact() {
        SettingsGuard.process(1.0, 0);
        for (int i = 0; i < 50; i++) {
            given().get("/process").then().statusCode(greaterThanOrEqualTo(500)).body("simulated", equalTo(true));
        }
        SettingsGuard.process(0.0, 0);
        for (int i = 0; i < 50; i++) {
            given().get("/process").then().statusCode(200);
        }
        // fail=false beats a failure rate of 1, fail=true beats 0
        SettingsGuard.process(1.0, 0);
        given().queryParam("fail", false).get("/process").then().statusCode(200);
        SettingsGuard.process(0.0, 0);
        given().queryParam("fail", true).get("/process").then().statusCode(greaterThanOrEqualTo(500));
    }

    @Test
    void failureStatusesFollowTheConfiguredMix() {
        SettingsGuard.change(s -> {
            ((ObjectNode) s.get("process")).put("failureRate", 1.0);
            ((ObjectNode) s.get("process")).set("failureStatuses", s.objectNode().put("503", 1));
            ((ObjectNode) s.get("process")).set("latency", s.objectNode().put("distribution", "fixed").put("fixedMs", 0));
        });
        for (int i = 0; i < 20; i++) {
            given().get("/process").then().statusCode(503).body("status", equalTo(503));
        }
    }

    @Test
    void configuredFixedLatencyIsApplied() {
        SettingsGuard.process(0.0, 120);
        given().get("/process").then().statusCode(200).body("latencyMs", greaterThanOrEqualTo(120f))
                .body("steps.delayMs.sum()", equalTo(120));
    }

    @Test
    void aForcedDelayIsNeverCutShort() {
        // Steps end on deadlines counted from the request's start, in whole-millisecond timers: none may end early.
        for (int delay = 3; delay <= 60; delay += 3) {
            given().queryParam("delay_ms", delay).queryParam("fail", false).get("/process").then().statusCode(200)
                    .body("latencyMs", greaterThanOrEqualTo((float) delay));
        }
    }

    @Test
    void slowRequestsHoldNoThreads() {
        int concurrent = 200;
        double threadsBefore = liveThreads();
        Concurrent.Result result = Concurrent.get("/process?delay_ms=1000&fail=false", concurrent, this::liveThreads);
        assertEquals(concurrent, result.statuses().stream().filter(s -> s == 200).count(), result.statuses().toString());
        assertTrue(result.peakSample() > 0, "no thread count sampled during the burst");
        // Blocking waits would need a thread per waiting request; timers need none.
        assertTrue(result.peakSample() - threadsBefore < 50,
                "live threads grew from " + threadsBefore + " to " + result.peakSample());
        // One after another the waits would take 200 s; together about 1 s.
        assertTrue(result.elapsedMillis() < 15_000, "took " + result.elapsedMillis() + " ms");
    }

    private double liveThreads() {
        return Scrape.now().value("jvm_threads_live_threads");
    }
}
