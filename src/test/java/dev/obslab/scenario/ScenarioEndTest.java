package dev.obslab.scenario;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.obslab.support.Await;
import dev.obslab.support.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A scenario that runs its course restores the settings by itself. Shortened (FastScenarios) so that it ends within
 * the test; the test waits for the state (no scenario running), however long the machine takes to get there.
 */
@QuarkusTest
@TestProfile(FastScenarios.class)
class ScenarioEndTest {

    @Test
    void aScenarioThatRunsItsCourseRestoresTheSettings() {
        String simulator = given().get("/api/simulator").then().extract().asString();
        String traffic = given().get("/api/traffic").then().extract().asString();
        Scrape before = Scrape.now();

        given().post("/api/scenarios/error-storm").then().statusCode(202);
        Await.until(() -> given().get("/api/scenarios").then().statusCode(200).extract().path("running"),
                running -> running == null, Duration.ofSeconds(60));

        given().get("/api/scenarios").then().statusCode(200).body("running", org.hamcrest.Matchers.nullValue());
        assertEquals(simulator, given().get("/api/simulator").then().extract().asString());
        assertEquals(traffic, given().get("/api/traffic").then().extract().asString());
        Scrape after = Scrape.now();
        assertEquals(0, after.value("simulator_scenario_active{scenario=\"error-storm\"}"));
        assertEquals(2, after.value("simulator_settings_changes_total{source=\"scenario\"}")
                - before.value("simulator_settings_changes_total{source=\"scenario\"}"), "applied, then restored");
    }
}
