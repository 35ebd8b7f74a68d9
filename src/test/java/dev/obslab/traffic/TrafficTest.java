package dev.obslab.traffic;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.obslab.http.problem.ProblemTypes;
import dev.obslab.support.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class TrafficTest {

    private String saved;

    @BeforeEach
    void save() {
        saved = given().get("/api/traffic").then().statusCode(200).extract().asString();
    }

    @AfterEach
    void restore() {
        given().contentType(ContentType.JSON).body(saved).put("/api/traffic").then().statusCode(200);
    }

    @Test
    void offByDefaultWithTheConfiguredMix() {
        given().get("/api/traffic").then().statusCode(200)
                .body("rps", equalTo(0))
                .body("mix.process", equalTo(90))
                .body("mix.generate_logs", equalTo(10))
                .body("maxInFlight", equalTo(64));
    }

    @Test
    void invalidSettingsNameEveryBadFieldAndChangeNothing() {
        given().contentType(ContentType.JSON)
                .body("{\"rps\":1001,\"mix\":{\"process\":0},\"maxInFlight\":0,\"logCount\":20,\"slowDelayMs\":-1}")
                .put("/api/traffic").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.INVALID_SETTINGS))
                .body("errors.field", containsInAnyOrder("rps", "mix", "maxInFlight", "slowDelayMs"));
        given().contentType(ContentType.JSON)
                .body("{\"rps\":1,\"mix\":{\"teleport\":1},\"maxInFlight\":1,\"logCount\":1,\"slowDelayMs\":0}")
                .put("/api/traffic").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(startsWith("mix")))
                .body("errors[0].message", containsString("process_fail"));
        given().contentType(ContentType.JSON)
                .body("{\"rps\":20.7,\"mix\":{\"process\":1},\"maxInFlight\":1,\"logCount\":1,\"slowDelayMs\":0}")
                .put("/api/traffic").then().statusCode(400).body("errors.field", contains("rps"));
        given().contentType(ContentType.JSON)
                .body("{\"rps\":\"5\",\"mix\":{\"process\":1},\"maxInFlight\":1,\"logCount\":1,\"slowDelayMs\":0}")
                .put("/api/traffic").then().statusCode(400).body("errors.field", contains("rps"));
        assertEquals(saved, given().get("/api/traffic").then().extract().asString());
    }

    @Test
    void sendsAboutTheConfiguredRateAndStopsAtZero() throws InterruptedException {
        String family = "simulator_traffic_requests_total";
        Scrape before = Scrape.now();
        long started = System.nanoTime();
        put(40, "{\"process\":1}");
        Thread.sleep(2000);
        put(0, "{\"process\":1}");
        double seconds = (System.nanoTime() - started) / 1e9;
        Scrape stopped = afterLastAnswer();
        double sent = stopped.sum(family, "endpoint=\"process\"") - before.sum(family, "endpoint=\"process\"");
        // The exact pacing is proven in PacerTest on a fake clock. Over real time on a busy machine only this holds:
        // it sends, and never more than the rate allows (the pacer catches up on late ticks, never beyond the rate).
        assertTrue(sent >= 1 && sent <= 40 * seconds + 5, "sent " + sent + " in " + seconds + " s");
        for (String outcome : new String[] { "error", "dropped" }) {
            String series = family + "{endpoint=\"process\",outcome=\"" + outcome + "\"}";
            assertEquals(0, stopped.value(series) - before.value(series), outcome);
        }
        assertEquals(0, stopped.value("simulator_traffic_target_requests_per_second"));

        Thread.sleep(1000);
        assertEquals(stopped.sum(family), Scrape.now().sum(family), "nothing is sent at rps 0");
    }

    @Test
    void forcedKindsReachTheService() throws InterruptedException {
        Scrape before = Scrape.now();
        put(50, "{\"process_fail\":1}");
        Thread.sleep(500);
        put(0, "{\"process_fail\":1}");
        Scrape after = afterLastAnswer();
        String failures = "simulator_traffic_requests_total{endpoint=\"process_fail\",outcome=\"failure\"}";
        assertTrue(after.value(failures) - before.value(failures) > 0);
        assertEquals(after.value(failures) - before.value(failures),
                after.sum("simulator_failures_total", "endpoint=\"process\"")
                        - before.sum("simulator_failures_total", "endpoint=\"process\""),
                "every forced failure the generator counted, the service counted too");
    }

    /** A scrape once no generated request is in flight any more (bounded wait). */
    private static Scrape afterLastAnswer() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Scrape scrape = Scrape.now();
        while (scrape.value("simulator_traffic_in_flight_requests") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            scrape = Scrape.now();
        }
        assertEquals(0, scrape.value("simulator_traffic_in_flight_requests"), "answers still awaited");
        // One scrape reads its series one after another, not at one instant: the last answer can be counted after
        // that scrape read the counters and before it read the gauge at 0. A scrape taken after it has them all.
        return Scrape.now();
    }

    private static void put(int rps, String mix) {
        given().contentType(ContentType.JSON)
                .body("{\"rps\":" + rps + ",\"mix\":" + mix + ",\"maxInFlight\":64,\"logCount\":5,\"slowDelayMs\":100}")
                .put("/api/traffic").then().statusCode(200).body("rps", equalTo(rps));
    }
}
