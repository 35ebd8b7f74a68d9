package dev.obslab.settings;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.obslab.http.problem.ProblemTypes;
import dev.obslab.support.SettingsGuard;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class SimulatorSettingsResourceTest {

    private final SettingsGuard guard = new SettingsGuard();

    @BeforeEach
    void save() {
        guard.save();
    }

    @AfterEach
    void restore() {
        guard.restore();
    }

    @Test
    void getShowsEverySettingInForce() {
        given().get("/api/simulator").then().statusCode(200).contentType("application/json")
                .body("process.failureRate", equalTo(0.005f))
                .body("process.failureStatuses.500", equalTo(6))
                .body("process.latency.distribution", equalTo("log-normal"))
                .body("process.latency.medianMs", equalTo(60f))
                .body("process.steps.name", hasItem("authorize-payment"))
                .body("generateLogs.levels.ERROR", equalTo(5))
                .body("generateLogs.subsystems", hasItems("payments", "inventory", "auth", "cache", "database"));
    }

    @Test
    void putReplacesEverythingAndRoundTrips() {
        ObjectNode next = SettingsGuard.current();
        ObjectNode process = (ObjectNode) next.get("process");
        process.put("failureRate", 0.25);
        process.set("latency", next.objectNode().put("distribution", "normal").put("meanMs", 80).put("stddevMs", 10));
        ArrayNode steps = next.arrayNode();
        steps.add(next.objectNode().put("name", "only-step").put("weight", 1));
        process.set("steps", steps);
        ((ObjectNode) next.get("generateLogs")).set("subsystems", next.arrayNode().add("cache"));

        String answered = given().contentType(ContentType.JSON).body(next.toString()).put("/api/simulator").then()
                .statusCode(200).body("process.failureRate", equalTo(0.25f)).extract().asString();
        String read = given().get("/api/simulator").then().statusCode(200).extract().asString();
        assertEquals(answered, read);
        given().get("/api/simulator").then().body("process.latency.distribution", equalTo("normal"))
                .body("process.latency.meanMs", equalTo(80f))
                .body("process.steps.name", contains("only-step"))
                .body("generateLogs.subsystems", contains("cache"));
        given().queryParam("delay_ms", 0).queryParam("fail", false).get("/process").then().statusCode(200)
                .body("steps.name", contains("only-step"));
    }

    @Test
    void invalidSettingsNameEveryBadFieldAndChangeNothing() {
        ObjectNode bad = SettingsGuard.current();
        ObjectNode process = (ObjectNode) bad.get("process");
        process.put("failureRate", 1.5);
        process.set("latency", bad.objectNode().put("distribution", "log-normal").put("medianMs", 100).put("p99Ms", 50));
        process.set("failureStatuses", bad.objectNode().put("404", 1));
        process.set("steps", bad.arrayNode().add(bad.objectNode().put("name", "Bad Name").put("weight", 0)));
        ObjectNode logs = (ObjectNode) bad.get("generateLogs");
        logs.set("levels", bad.objectNode().put("INFO", 0));
        logs.set("subsystems", bad.arrayNode());

        putExpecting400(bad).body("type", equalTo(ProblemTypes.INVALID_SETTINGS))
                .body("errors.field", containsInAnyOrder(
                        "process.failureRate",
                        "process.latency.p99Ms",
                        "process.failureStatuses[404]",
                        "process.steps[0].name",
                        "process.steps[0].weight",
                        "generateLogs.levels",
                        "generateLogs.subsystems"));
        assertEquals(guard.saved(), SettingsGuard.current().toString());
    }

    @Test
    void parametersOfTheChosenDistributionAreRequired() {
        expectFieldErrors(s -> ((ObjectNode) s.get("process")).set("latency",
                s.objectNode().put("distribution", "uniform").put("minMs", 50)), "process.latency.maxMs");
        expectFieldErrors(s -> ((ObjectNode) s.get("process")).set("latency",
                s.objectNode().put("distribution", "uniform").put("minMs", 50).put("maxMs", 10)), "process.latency.maxMs");
        expectFieldErrors(s -> ((ObjectNode) s.get("process")).set("latency",
                s.objectNode().put("distribution", "normal").put("meanMs", 50)), "process.latency.stddevMs");
        expectFieldErrors(s -> ((ObjectNode) s.get("process")).set("latency",
                s.objectNode().put("distribution", "fixed").put("fixedMs", 30001)), "process.latency.fixedMs");
        expectFieldErrors(s -> ((ObjectNode) s.get("process")).remove("failureRate"), "process.failureRate");
        expectFieldErrors(s -> s.remove("generateLogs"), "generateLogs");
        expectFieldErrors(s -> ((ObjectNode) s.get("process")).set("steps", s.arrayNode()
                .add(s.objectNode().put("name", "a").put("weight", 1))
                .add(s.objectNode().put("name", "a").put("weight", 2))), "process.steps");
    }

    @Test
    void unknownDistributionIsNamedWithTheOtherBadFields() {
        ObjectNode bad = SettingsGuard.current();
        ((ObjectNode) bad.get("process").get("latency")).put("distribution", "pareto");
        ((ObjectNode) bad.get("process")).put("failureRate", 2);
        putExpecting400(bad).body("type", equalTo(ProblemTypes.INVALID_SETTINGS))
                .body("errors.field", containsInAnyOrder("process.latency.distribution", "process.failureRate"))
                .body("errors.find { it.field == 'process.latency.distribution' }.message",
                        equalTo("must be one of fixed, uniform, normal, log-normal"));
        assertEquals(guard.saved(), SettingsGuard.current().toString());
    }

    @Test
    void unknownEnumKeyIsA400WithoutInternals() {
        ObjectNode bad = SettingsGuard.current();
        ((ObjectNode) bad.get("generateLogs").get("levels")).put("VERBOSE", 3);
        putExpecting400(bad).body("type", equalTo(ProblemTypes.MALFORMED_BODY))
                .body("errors.field", contains("generateLogs.levels"))
                .body("errors[0].message", not(containsString("dev.obslab")))
                .body("detail", not(containsString("dev.obslab")));
        assertEquals(guard.saved(), SettingsGuard.current().toString());
    }

    @Test
    void unknownFieldIsRejected() {
        ObjectNode bad = SettingsGuard.current();
        ((ObjectNode) bad.get("process")).put("failurRate", 0.5);
        putExpecting400(bad).body("errors.field", contains("process.failurRate"));
    }

    @Test
    void malformedJsonIsA400() {
        given().contentType(ContentType.JSON).body("{\"process\": {").put("/api/simulator").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo(ProblemTypes.MALFORMED_BODY));
        given().contentType(ContentType.JSON).body("[1,2]").put("/api/simulator").then().statusCode(400)
                .contentType("application/problem+json");
        assertEquals(guard.saved(), SettingsGuard.current().toString());
    }

    @Test
    void emptyBodyIsA400() {
        given().contentType(ContentType.JSON).put("/api/simulator").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("body"));
    }

    @Test
    void wrongContentTypeIsA415Problem() {
        given().contentType(ContentType.TEXT).body("hello").put("/api/simulator").then().statusCode(415)
                .contentType("application/problem+json").body("status", equalTo(415));
    }

    private void expectFieldErrors(Consumer<ObjectNode> edit, String... fields) {
        ObjectNode bad = SettingsGuard.current();
        edit.accept(bad);
        putExpecting400(bad).body("errors.field", containsInAnyOrder(fields));
        assertEquals(guard.saved(), SettingsGuard.current().toString());
    }

    private static ValidatableResponse putExpecting400(ObjectNode body) {
        return given().contentType(ContentType.JSON).body(body.toString()).put("/api/simulator").then()
                .statusCode(400).contentType("application/problem+json").body("status", equalTo(400))
                .body("title", notNullValue()).body("detail", notNullValue());
    }
}
