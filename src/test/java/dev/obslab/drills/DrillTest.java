package dev.obslab.drills;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.obslab.support.Await;
import dev.obslab.support.Scrape;
import dev.obslab.support.StubAlerting;
import dev.obslab.support.StubAlerting.Alert;
import dev.obslab.support.UnusedPort;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Drills against a scripted Prometheus and Alertmanager (the stub plays both): the states the test sets are what the
 * drill reads, and the webhook the test posts is what Alertmanager would deliver. Each verdict, the settings put back
 * and the fault window closed are checked through the API, metrics and timeline.
 */
@QuarkusTest
@TestProfile(DrillTest.AlertingIsAStub.class)
class DrillTest {

    private static final String STUB = "alerting-stub";
    private static final String SERVICE = "observability-lab";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSED = "simulator_drill_runs_total{drill=\"error-storm\",result=\"passed\"}";
    private static StubAlerting alerting;

    public static class AlertingIsAStub implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String url = "http://127.0.0.1:" + UnusedPort.shared(STUB);
            return Map.of("simulator.drills.prometheus-url", url, "simulator.drills.alertmanager-url", url,
                    "simulator.drills.poll-interval", "100ms", "simulator.drills.unreachable-after", "2s");
        }
    }

    @BeforeAll
    static void startStub() {
        alerting = new StubAlerting(UnusedPort.shared(STUB))
                .rules(DrillCatalogue.HIGH_ERROR_RATIO, DrillCatalogue.AVAILABILITY_BURN, DrillCatalogue.HIGH_LATENCY_P95,
                        DrillCatalogue.LATENCY_BURN, DrillCatalogue.SERVICE_DOWN);
    }

    @AfterAll
    static void stopStub() {
        alerting.close();
    }

    @AfterEach
    void abortAny() {
        for (String id : given().get("/api/drills/runs").jsonPath().<String> getList("runs.findAll { it.status == 'running' }.id")) {
            given().delete("/api/drills/runs/" + id);
        }
        given().delete("/api/scenarios/active");
        alerting.reset();
    }

    @Test
    void theCatalogueListsDrillsOnTheProjectsOwnRules() {
        given().get("/api/drills").then().statusCode(200)
                .body("running", nullValue())
                .body("drills.name", hasItems("error-storm", "latency-spike", "scrape-outage", "quiet"))
                .body("drills.name", not(hasItem("downstream-outage"))) // no inventory configured here
                .body("drills.find { it.name == 'error-storm' }.scenario", is("error-storm"))
                .body("drills.find { it.name == 'error-storm' }.expect.alert", contains(DrillCatalogue.HIGH_ERROR_RATIO))
                .body("drills.find { it.name == 'availability-page' }.expect[0].alert", is(DrillCatalogue.AVAILABILITY_BURN))
                .body("drills.find { it.name == 'availability-page' }.expect[0].labels.severity", is("page"))
                .body("drills.find { it.name == 'error-storm' }.expect[0].labels.service", is(SERVICE))
                .body("drills.find { it.name == 'error-storm' }.forbid.alert", hasItem(DrillCatalogue.HIGH_LATENCY_P95))
                .body("drills.find { it.name == 'error-storm' }.deadlineSeconds", is(600));
    }

    @Test
    void aDrillPassesWhenItsAlertsFireAreNotifiedAndResolveAndItRestoresTheSettings() {
        double failureRate = given().get("/api/simulator").jsonPath().getDouble("process.failureRate");
        double passedBefore = Scrape.now().value(PASSED);
        int windowsBefore = given().get("/api/scenarios/timeline").jsonPath().getList("$").size();

        var started = given().post("/api/drills/error-storm").then().statusCode(202)
                .header("Location", matchesPattern(".*/api/drills/runs/[0-9a-f-]{36}$"))
                .body("status", is("running")).body("phase", is("fault")).extract();
        String run = "/api/drills/runs/" + started.path("id");
        given().get("/api/scenarios").then().body("running.name", is("error-storm"));
        assertEquals(0.30, given().get("/api/simulator").jsonPath().getDouble("process.failureRate"), 1e-9);

        Instant activeAt = Instant.now();
        Alert ratio = new Alert(DrillCatalogue.HIGH_ERROR_RATIO, Map.of("service", SERVICE, "severity", "warning"),
                "pending", activeAt);
        Alert burn = new Alert(DrillCatalogue.AVAILABILITY_BURN, Map.of("service", SERVICE, "severity", "page"),
                "pending", activeAt);
        alerting.alerts(ratio, burn);
        JsonPath report = until(run, r -> r.getString("alerts[0].pendingAt") != null
                && r.getList("unexpected").size() == 1);
        assertEquals("running", report.getString("status"));
        // the burn is not error-storm's to expect (its 1 h window) nor to forbid: reported, not judged
        assertEquals(DrillCatalogue.AVAILABILITY_BURN, report.getString("unexpected[0].name"));
        assertEquals(false, report.getBoolean("unexpected[0].forbidden"));

        Alert ratioFiring = new Alert(ratio.name(), ratio.labels(), "firing", activeAt);
        Alert burnFiring = new Alert(burn.name(), burn.labels(), "firing", activeAt);
        alerting.alerts(ratioFiring, burnFiring);
        until(run, r -> r.getString("alerts[0].firingAt") != null);
        given().get("/api/scenarios").then().body("running.name", is("error-storm")); // not yet notified

        given().contentType(ContentType.JSON).body(StubAlerting.webhook("firing", ratioFiring, burnFiring))
                .post("/api/drills/notifications").then().statusCode(200).body("received", is(2));
        report = until(run, r -> "resolving".equals(r.getString("phase")));
        given().get("/api/scenarios").then().body("running", nullValue());
        assertEquals(failureRate, given().get("/api/simulator").jsonPath().getDouble("process.failureRate"), 1e-9);
        assertTrue(report.getString("faultEndedAt") != null);

        alerting.alerts();
        report = until(run, r -> !"running".equals(r.getString("status")));
        assertEquals("passed", report.getString("status"), report.prettify());
        assertEquals(1, report.getList("alerts").size());
        assertTrue(report.getString("unexpected[0].resolvedAt") != null, report.prettify());
        for (String time : List.of("pendingAt", "firingAt", "notifiedAt", "resolvedAt")) {
            assertTrue(report.getString("alerts[0]." + time) != null, time);
        }
        assertTrue(report.getDouble("alerts[0].detectionSeconds") >= 0);
        assertTrue(report.getDouble("alerts[0].notificationSeconds") >= report.getDouble("alerts[0].detectionSeconds"));

        Scrape metrics = Scrape.now();
        assertEquals(passedBefore + 1, metrics.value(PASSED));
        assertTrue(metrics.sum("simulator_drill_detection_seconds_count", "drill=\"error-storm\"", "stage=\"firing\"",
                "alert=\"" + DrillCatalogue.HIGH_ERROR_RATIO + "\"") >= 1);
        assertTrue(metrics.sum("simulator_drill_detection_seconds_count", "drill=\"error-storm\"",
                "stage=\"notified\"") >= 1);

        JsonPath timeline = given().get("/api/scenarios/timeline").jsonPath();
        assertEquals(windowsBefore + 1, timeline.getList("$").size());
        Map<String, Object> window = timeline.getMap("[-1]");
        assertEquals("error-storm", window.get("scenario"));
        assertEquals("drill", window.get("startedBy"));
        assertEquals("stopped", window.get("ended"));
        assertEquals(report.getLong("windowId"), ((Number) window.get("id")).longValue());
        assertEquals(report.getString("faultStartedAt"), window.get("startedAt"));
        assertEquals(report.getString("faultEndedAt"), window.get("endedAt"));
        assertTrue(timeline.getList("[-1].changes.setting").contains("process.failureRate"), timeline.prettify());
    }

    @Test
    void aForbiddenAlertThatFiresFailsTheRunAndEndsTheFault() {
        String run = "/api/drills/runs/" + given().post("/api/drills/latency-spike").then().statusCode(202)
                .extract().path("id");
        alerting.alerts(new Alert(DrillCatalogue.HIGH_ERROR_RATIO, Map.of("service", SERVICE), "firing", Instant.now()));
        JsonPath report = until(run, r -> !"running".equals(r.getString("status")));
        assertEquals("failed", report.getString("status"));
        assertTrue(report.getString("reason").contains("forbidden") && report.getString("reason")
                .contains(DrillCatalogue.HIGH_ERROR_RATIO), report.getString("reason"));
        assertEquals(true, report.getBoolean("unexpected[0].forbidden"));
        given().get("/api/scenarios").then().body("running", nullValue());
    }

    @Test
    void anExpectedAlertWithoutARuleFailsAtOnceWithAReasonAndChangesNothing() {
        int windowsBefore = given().get("/api/scenarios/timeline").jsonPath().getList("$").size();
        given().contentType(ContentType.JSON).body("{\"expect\":[{\"alert\":\"NoSuchAlertRule\"}]}")
                .post("/api/drills/error-storm").then().statusCode(202)
                .body("status", is("failed"))
                .body("reason", containsString("No alerting rule named [NoSuchAlertRule]"))
                .body("expect[0].alert", is("NoSuchAlertRule"));
        given().get("/api/scenarios").then().body("running", nullValue());
        assertEquals(windowsBefore, given().get("/api/scenarios/timeline").jsonPath().getList("$").size());
    }

    @Test
    void anAlertAlreadyFiringBeforeTheFaultFailsTheRunAtOnce() {
        alerting.alerts(new Alert(DrillCatalogue.SERVICE_DOWN, Map.of("instance", "checkout:8080"), "firing",
                Instant.now()));
        given().post("/api/drills/scrape-outage").then().statusCode(202).body("status", is("failed"))
                .body("reason", containsString("Already active before the fault"));
        given().get("/api/scenarios").then().body("running", nullValue());
    }

    @Test
    void anUnreachableBackendIs503AndNothingChanges() {
        alerting.failing(true);
        given().post("/api/drills/error-storm").then().statusCode(503).contentType("application/problem+json")
                .body("type", is("urn:observability-lab:problem:backend-unavailable"))
                .body("detail", containsString("Prometheus at http://127.0.0.1:"))
                .body("detail", containsString("Nothing was changed"));
        given().get("/api/scenarios").then().body("running", nullValue());
    }

    @Test
    void aPrometheusThatStopsAnsweringFailsTheRunAndEndsTheFault() {
        double failureRate = given().get("/api/simulator").jsonPath().getDouble("process.failureRate");
        String run = "/api/drills/runs/" + given().post("/api/drills/error-storm").then().statusCode(202)
                .extract().path("id");
        alerting.failing(true);
        JsonPath report = until(run, r -> !"running".equals(r.getString("status")));
        assertEquals("failed", report.getString("status"));
        assertTrue(report.getString("reason").contains("has not answered since"), report.getString("reason"));
        assertEquals(failureRate, given().get("/api/simulator").jsonPath().getDouble("process.failureRate"), 1e-9);
        given().get("/api/scenarios").then().body("running", nullValue());
        given().get("/api/scenarios/timeline").then().body("[-1].endedAt", notNullValue());
    }

    @Test
    void abortingRestoresTheSettingsAndClosesTheWindow() {
        double failureRate = given().get("/api/simulator").jsonPath().getDouble("process.failureRate");
        String id = given().post("/api/drills/error-storm").then().statusCode(202).extract().path("id");
        given().delete("/api/drills/runs/" + id).then().statusCode(200).body("status", is("aborted"))
                .body("reason", containsString("DELETE"));
        assertEquals(failureRate, given().get("/api/simulator").jsonPath().getDouble("process.failureRate"), 1e-9);
        given().get("/api/scenarios").then().body("running", nullValue());
        given().get("/api/scenarios/timeline").then().body("[-1].ended", is("aborted"))
                .body("[-1].endedAt", notNullValue());
        given().delete("/api/drills/runs/" + id).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("nothing to abort"));
    }

    @Test
    void oneDrillOrScenarioAtATime() {
        given().post("/api/scenarios/steady").then().statusCode(202);
        given().post("/api/drills/error-storm").then().statusCode(409)
                .body("detail", containsString("Scenario 'steady' is running"));
        given().delete("/api/scenarios/active").then().statusCode(200);
        String id = given().post("/api/drills/quiet").then().statusCode(202).extract().path("id");
        given().post("/api/drills/error-storm").then().statusCode(409)
                .body("detail", containsString("DELETE /api/drills/runs/" + id));
    }

    @Test
    void unknownDrillsAndRunsAre404AndTheRunsPathTakesNoPost() {
        given().post("/api/drills/no-such-drill").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("GET /api/drills lists them"));
        given().get("/api/drills/runs/no-such-run").then().statusCode(404);
        given().delete("/api/drills/runs/no-such-run").then().statusCode(404);
        given().post("/api/drills/runs").then().statusCode(405).header("Allow", containsString("GET"));
        given().get("/api/drills/runs").then().statusCode(200).body("runs", notNullValue());
    }

    @Test
    void aJsonNullBodyOverridesNothing() {
        given().contentType(ContentType.JSON).body("null").post("/api/drills/error-storm").then().statusCode(202)
                .body("expect[0].alert", is(DrillCatalogue.HIGH_ERROR_RATIO));
    }

    @Test
    void badExpectationsAre400AndStartNothing() {
        given().contentType(ContentType.JSON).body("{\"expect\":[{\"alert\":\"not a name\"}],\"deadlineSeconds\":1}")
                .post("/api/drills/error-storm").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("expect[0].alert", "deadlineSeconds"));
        given().get("/api/scenarios").then().body("running", nullValue());
    }

    @Test
    void theWebhookTakesAlertmanagerPayloadsAndRefusesOthers() {
        Alert a = new Alert("SomeAlert", Map.of("service", SERVICE), "firing", Instant.now());
        given().contentType(ContentType.JSON).body(StubAlerting.webhook("firing", a))
                .post("/api/drills/notifications").then().statusCode(200).body("received", is(1));
        given().contentType(ContentType.JSON).body(StubAlerting.webhook("firing", a).replace("\"version\":\"4\"",
                "\"version\":\"3\"")).post("/api/drills/notifications").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("version"));
        given().contentType(ContentType.JSON).body("{\"version\":\"4\",\"status\":\"firing\"}")
                .post("/api/drills/notifications").then().statusCode(400).body("errors.field", hasItem("alerts"));
        given().contentType(ContentType.JSON).body("{\"version\":\"4\",\"alerts\":[{\"status\":\"odd\",\"labels\":{}}]}")
                .post("/api/drills/notifications").then().statusCode(400)
                .body("errors.field", hasItems("alerts[0].status", "alerts[0].labels"));
        given().contentType(ContentType.JSON).post("/api/drills/notifications").then().statusCode(400)
                .body("errors.field", hasItem("body"));
        given().contentType(ContentType.JSON).body("{\"version\":").post("/api/drills/notifications").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void realAlertmanagerPayloadsCompleteARun() throws Exception {
        // The two payloads Alertmanager v0.31.1 delivered in scripts/check-drills.sh --self-test (checkout's alert).
        String firing = new String(getClass().getResourceAsStream("/drills/webhook-firing.json").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        String resolved = new String(getClass().getResourceAsStream("/drills/webhook-resolved.json").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        String run = "/api/drills/runs/" + given().contentType(ContentType.JSON)
                .body("{\"expect\":[{\"alert\":\"" + DrillCatalogue.HIGH_ERROR_RATIO + "\",\"labels\":{\"service\":\"checkout\"}}]}")
                .post("/api/drills/error-storm").then().statusCode(202).extract().path("id");
        Map<String, String> labels = Map.of("job", "observability-lab", "service", "checkout", "severity", "warning");
        alerting.alerts(new Alert(DrillCatalogue.HIGH_ERROR_RATIO, labels, "firing", Instant.now()));
        until(run, r -> r.getString("alerts[0].firingAt") != null);
        given().contentType(ContentType.JSON).body(firing).post("/api/drills/notifications").then().statusCode(200)
                .body("received", is(1));
        until(run, r -> "resolving".equals(r.getString("phase")));
        alerting.alerts();
        JsonPath report = until(run, r -> !"running".equals(r.getString("status")));
        assertEquals("passed", report.getString("status"), report.prettify());
        given().contentType(ContentType.JSON).body(resolved).post("/api/drills/notifications").then().statusCode(200);
        assertTrue(report.getString("alerts[0].notifiedAt") != null);
        assertEquals("checkout", report.getString("alerts[0].labels.service"));
    }

    private static JsonPath until(String run, java.util.function.Predicate<JsonPath> done) {
        JsonPath last = Await.until(() -> given().get(run).then().statusCode(200).extract().jsonPath(), done, WAIT);
        assertTrue(done.test(last), "the run did not get there within " + WAIT + ": " + last.prettify());
        return last;
    }
}
