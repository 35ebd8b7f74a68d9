package dev.obslab.scenario;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.obslab.http.problem.ProblemTypes;
import dev.obslab.support.Scrape;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Scenarios at their real length: every test ends the scenario itself (DELETE), so nothing races a clock. How a
 * scenario ends on its own is {@link ScenarioEndTest}'s.
 */
@QuarkusTest
class ScenarioTest {

    @AfterEach
    void stopAny() {
        given().delete("/api/scenarios/active"); // 404 when none runs
    }

    @Test
    void listsTheBuiltInScenarios() {
        given().get("/api/scenarios").then().statusCode(200)
                .body("running", nullValue())
                .body("scenarios.name", hasItems("steady", "error-storm", "latency-spike", "log-flood", "outage",
                        "availability-burn", "latency-burn"))
                .body("scenarios.find { it.name == 'error-storm' }.durationSeconds", equalTo(180));
    }

    @Test
    void aScenarioChangesTheSettingsThenStoppingRestoresThem() {
        String simulator = given().get("/api/simulator").then().extract().asString();
        String traffic = given().get("/api/traffic").then().extract().asString();
        Scrape before = Scrape.now();

        given().post("/api/scenarios/error-storm").then().statusCode(202).body("name", equalTo("error-storm"))
                .body("endsAt", notNullValue());
        given().get("/api/simulator").then().body("process.failureRate", equalTo(0.3f));
        given().get("/api/traffic").then().body("rps", greaterThanOrEqualTo(10));
        assertEquals(1, Scrape.now().value("simulator_scenario_active{scenario=\"error-storm\"}"));
        given().post("/api/scenarios/latency-spike").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.SCENARIO_CONFLICT));

        given().delete("/api/scenarios/active").then().statusCode(200).body("name", equalTo("error-storm"));
        assertEquals(simulator, given().get("/api/simulator").then().extract().asString());
        assertEquals(traffic, given().get("/api/traffic").then().extract().asString());
        Scrape after = Scrape.now();
        assertEquals(0, after.value("simulator_scenario_active{scenario=\"error-storm\"}"));
        assertEquals(2, after.value("simulator_settings_changes_total{source=\"scenario\"}")
                - before.value("simulator_settings_changes_total{source=\"scenario\"}"), "applied, then restored");
    }

    @Test
    void stoppingRestoresAtOnce() {
        String simulator = given().get("/api/simulator").then().extract().asString();
        given().post("/api/scenarios/latency-burn").then().statusCode(202);
        given().get("/api/simulator").then().body("process.latency.medianMs", equalTo(1200f));
        given().get("/api/scenarios").then().body("running.name", equalTo("latency-burn"));
        given().delete("/api/scenarios/active").then().statusCode(200).body("name", equalTo("latency-burn"));
        assertEquals(simulator, given().get("/api/simulator").then().extract().asString());
        given().delete("/api/scenarios/active").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void outageMakesScrapesFailUntilItEnds() {
        given().post("/api/scenarios/outage").then().statusCode(202);
        given().get("/q/metrics").then().statusCode(503).contentType("text/plain; charset=utf-8")
                .body(containsString("simulated scrape outage"), containsString("DELETE /api/scenarios/active"));
        given().get("/q/metrics/").then().statusCode(503);
        given().delete("/api/scenarios/active").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void everyScenarioOpensAWindowOnTheTimelineThatSaysWhatChangedAndWhenItClosed() {
        double rate = given().get("/api/simulator").jsonPath().getDouble("process.failureRate");
        given().post("/api/scenarios/error-storm").then().statusCode(202);
        given().get("/api/scenarios/timeline").then().statusCode(200)
                .body("[-1].scenario", is("error-storm"))
                .body("[-1].service", is("observability-lab"))
                .body("[-1].startedBy", is("api"))
                .body("[-1].startedAt", matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,3})?Z"))
                .body("[-1].endedAt", nullValue())
                .body("[-1].changes.find { it.setting == 'process.failureRate' }.from", is((float) rate))
                .body("[-1].changes.find { it.setting == 'process.failureRate' }.to", is(0.3f))
                .body("[-1].changes.setting", hasItem("traffic.rps"));
        given().delete("/api/scenarios/active").then().statusCode(200);
        given().get("/api/scenarios/timeline").then()
                .body("[-1].ended", is("stopped"))
                .body("[-1].endedAt", notNullValue());
        given().post("/api/scenarios/timeline").then().statusCode(405).header("Allow", containsString("GET"));
    }

    @Test
    void unknownScenarioIs404Problem() {
        given().post("/api/scenarios/meteor-strike").then().statusCode(404).contentType("application/problem+json")
                .body("errors.field", contains("name"));
    }
}
