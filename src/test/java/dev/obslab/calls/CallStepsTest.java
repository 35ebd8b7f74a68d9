package dev.obslab.calls;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
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

import dev.obslab.http.hops.Hops;
import dev.obslab.support.Scrape;
import dev.obslab.support.SettingsGuard;
import dev.obslab.support.StubDownstream;
import dev.obslab.support.UnusedPort;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Call steps against a stub downstream: what is sent (forced parameters, hops, trace context), how its answers map
 * (502 naming the origin, 502 not simulated when unreachable), the hop limit and a loop. The default call timeout
 * (5 s) leaves a busy machine room; the 504 past a short one is {@link CallTimeoutTest}'s.
 */
@QuarkusTest
class CallStepsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static StubDownstream stub;
    private final SettingsGuard settings = new SettingsGuard();

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
    }

    @AfterEach
    void restore() {
        settings.restore();
    }

    /** Steps: local a (weight 1), then a call step b (weight 3) to {@code url}. */
    static void steps(String url) {
        SettingsGuard.change(s -> {
            ArrayNode steps = JSON.createArrayNode();
            steps.add(JSON.createObjectNode().put("name", "a").put("weight", 1));
            steps.add(JSON.createObjectNode().put("name", "b").put("weight", 3).put("call", url));
            ((ObjectNode) s.get("process")).set("steps", steps);
            ((ObjectNode) s.get("process")).put("failureRate", 0.0);
        });
    }

    @Test
    void aCallStepIsShownAndValidatedLikeEveryField() {
        steps(stub.url());
        given().get("/api/simulator").then().statusCode(200)
                .body("process.steps[1].call", equalTo(stub.url()))
                .body("process.steps[0]", not(hasKey("call")));
        ObjectNode bad = SettingsGuard.current();
        ((ObjectNode) bad.get("process").get("steps").get(1)).put("call", "ftp://inventory");
        ((ObjectNode) bad.get("process").get("steps").get(0)).put("call", "http://x?y=1");
        given().contentType(ContentType.JSON).body(bad.toString()).put("/api/simulator").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("process.steps[0].call", "process.steps[1].call"));
        given().get("/api/simulator").then().body("process.steps[1].call", equalTo(stub.url()));
    }

    @Test
    void theCallCarriesTheForcedShareOneMoreHopAndTraceContext() {
        steps(stub.url());
        Response r = given().header(Hops.HEADER, "2").queryParam("delay_ms", 100).queryParam("fail", false)
                .get("/process");
        r.then().statusCode(200).body("steps.name", contains("a", "b"));
        List<StubDownstream.Received> got = stub.received();
        assertEquals(1, got.size(), "one call: " + got);
        StubDownstream.Received call = got.get(0);
        assertEquals("/process", call.path());
        assertTrue(call.query().contains("delay_ms=75"), "the step's share of 100 ms at weight 3 of 4: " + call.query());
        assertTrue(call.query().contains("fail=false"), call.query());
        assertEquals("3", call.header(Hops.HEADER));
        String traceparent = call.header("traceparent");
        assertTrue(traceparent != null && traceparent.startsWith("00-" + r.header("X-Trace-Id") + "-"),
                "W3C trace context of the caller's trace: " + traceparent);
    }

    @Test
    void anUnforcedCallForwardsNothingForced() {
        steps(stub.url());
        given().get("/process").then().statusCode(200);
        String query = stub.received().get(0).query();
        assertTrue(query == null || (!query.contains("delay_ms") && !query.contains("fail")), "query: " + query);
    }

    @Test
    void aForcedFailureTravelsAndComesBackNamingWhereItStarted() {
        steps(stub.url());
        stub.answer(503, "application/problem+json", "{\"type\":\"x\",\"status\":502,\"simulated\":true,"
                + "\"service\":\"inventory\",\"origin\":{\"service\":\"payments\",\"status\":500}}");
        Response r = given().queryParam("fail", true).get("/process");
        r.then().statusCode(502).contentType("application/problem+json")
                .body("simulated", equalTo(true))
                .body("origin.service", equalTo("payments"))
                .body("origin.status", equalTo(500))
                .body("detail", containsString("payments"))
                .body("traceId", equalTo(r.header("X-Trace-Id")));
        assertTrue(stub.received().get(0).query().contains("fail=true"), stub.received().get(0).query());
    }

    @Test
    void aDownstreamsOwnSimulatedFailureIsTheOrigin() {
        steps(stub.url());
        stub.answer(500, "application/problem+json", "{\"status\":500,\"simulated\":true,\"service\":\"payments\"}");
        given().get("/process").then().statusCode(502)
                .body("simulated", equalTo(true))
                .body("origin.service", equalTo("payments"))
                .body("origin.status", equalTo(500));
    }

    @Test
    void anUnreachableDownstreamIs502NotSimulated() {
        steps("http://127.0.0.1:" + UnusedPort.get());
        given().get("/process").then().statusCode(502).contentType("application/problem+json")
                .body("simulated", equalTo(false))
                .body("detail", containsString("failed"));
    }

    @Test
    void aBadAnswerIs502NotSimulated() {
        steps(stub.url());
        stub.answer(404, "text/plain", "nope");
        given().get("/process").then().statusCode(502).body("simulated", equalTo(false))
                .body("detail", containsString("404"));
    }

    @Test
    void pastTheHopLimitARequestIsRefusedAtOnceAndCounted() {
        double before = Scrape.now().value("simulator_hops_refused_total");
        // forced outcome: the packaged jar (IT) draws failures at the configured 0.5%
        given().header(Hops.HEADER, "8").queryParam("delay_ms", 0).queryParam("fail", false).get("/process")
                .then().statusCode(200);
        given().header(Hops.HEADER, "9").queryParam("delay_ms", 0).get("/process").then().statusCode(508)
                .contentType("application/problem+json").body("simulated", equalTo(false));
        given().header(Hops.HEADER, "many").get("/process").then().statusCode(400)
                .body("errors.field", hasItem(Hops.HEADER));
        assertEquals(before + 1, Scrape.now().value("simulator_hops_refused_total"));
    }

    @Test
    void aLoopIsCutAtTheHopLimitWithABoundedNumberOfRequests() {
        String self = RestAssured.baseURI + ":" + RestAssured.port;
        Scrape before = Scrape.now();
        steps(self);
        given().queryParam("delay_ms", 0).get("/process").then().statusCode(502)
                .body("origin.status", equalTo(508)).body("simulated", equalTo(false));
        Scrape after = Scrape.now();
        // hops 0..8 are served, hop 9 is refused: ten requests in all, nine calls made
        double served = after.sum("http_server_requests_seconds_count", "uri=\"/process\"")
                - before.sum("http_server_requests_seconds_count", "uri=\"/process\"");
        assertEquals(10, served, "requests to /process");
        assertEquals(1, after.value("simulator_hops_refused_total") - before.value("simulator_hops_refused_total"));
        double calls = after.sum("simulator_calls_total", "step=\"b\"") - before.sum("simulator_calls_total", "step=\"b\"");
        assertEquals(9, calls, "calls counted");
    }

    @Test
    void callsOneAfterAnotherReuseOneConnection() {
        steps(stub.url());
        stub.reset();
        for (int i = 0; i < 5; i++) {
            given().queryParam("delay_ms", 0).get("/process").then().statusCode(200);
        }
        assertEquals(5, stub.received().size());
        assertEquals(1, stub.received().stream().mapToInt(StubDownstream.Received::clientPort).distinct().count(),
                "one kept-alive connection for five calls in turn: " + stub.received());
    }

    @Test
    void callsAreCountedByOutcomeExactly() {
        steps(stub.url());
        Scrape before = Scrape.now();
        for (int i = 0; i < 3; i++) {
            given().queryParam("delay_ms", 0).get("/process").then().statusCode(200);
        }
        stub.answer(500, "application/problem+json", "{\"status\":500,\"simulated\":true,\"service\":\"p\"}");
        given().queryParam("delay_ms", 0).get("/process").then().statusCode(502);
        Scrape after = Scrape.now();
        assertEquals(3, delta(before, after, "outcome=\"success\""));
        assertEquals(1, delta(before, after, "outcome=\"failure\""));
        assertEquals(4, after.sum("http_client_requests_seconds_count", "uri=\"/process\"")
                - before.sum("http_client_requests_seconds_count", "uri=\"/process\""), "HTTP client requests");
    }

    private static double delta(Scrape before, Scrape after, String outcome) {
        return after.sum("simulator_calls_total", "step=\"b\"", outcome) - before.sum("simulator_calls_total", "step=\"b\"", outcome);
    }
}
