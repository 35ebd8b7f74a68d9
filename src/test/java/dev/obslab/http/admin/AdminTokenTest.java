package dev.obslab.http.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.obslab.http.problem.ProblemTypes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** With SIMULATOR_ADMIN_TOKEN set, the four requests that change behaviour need it; reads stay open. */
@QuarkusTest
@TestProfile(AdminTokenProfile.class)
class AdminTokenTest {

    private static final String RIGHT = "Bearer " + AdminTokenProfile.TOKEN;

    /** Everything a refused request could have changed. */
    private record State(String simulator, String traffic, Object running) {
        static State now() {
            return new State(given().get("/api/simulator").then().statusCode(200).extract().asString(),
                    given().get("/api/traffic").then().statusCode(200).extract().asString(),
                    given().get("/api/scenarios").then().statusCode(200).extract().path("running"));
        }
    }

    @AfterEach
    void stopAnyScenario() {
        given().header("Authorization", RIGHT).delete("/api/scenarios/active");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "Bearer wrong-token", "Bearer " + AdminTokenProfile.TOKEN + "x", "Bearer ",
            "Basic dGVzdC1hZG1pbi10b2tlbi0wMTIzNDU2Nzg5", "test-admin-token-0123456789" })
    void withoutTheRightTokenEveryChangeIsRefusedAndNothingChanges(String authorization) {
        // a scenario running makes DELETE a real change too
        given().header("Authorization", RIGHT).post("/api/scenarios/steady").then().statusCode(202);
        State before = State.now();
        for (String[] request : new String[][] { { "PUT", "/api/simulator" }, { "PUT", "/api/traffic" },
                { "POST", "/api/scenarios/error-storm" }, { "DELETE", "/api/scenarios/active" } }) {
            RequestSpecification spec = authorization.isEmpty() ? given() : given().header("Authorization", authorization);
            if (request[0].equals("PUT")) {
                String body = given().get(request[1]).then().extract().asString()
                        .replace("\"failureRate\":0.005", "\"failureRate\":0.5").replace("\"rps\":0", "\"rps\":7");
                spec = spec.contentType(ContentType.JSON).body(body);
            }
            spec.request(request[0], request[1]).then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer realm=\"observability-lab\"")
                    .body("status", equalTo(401)).body("type", equalTo(ProblemTypes.UNAUTHORIZED))
                    .body("requestId", notNullValue());
        }
        assertEquals(before, State.now(), "a refused request changed nothing");
    }

    @Test
    void withTheRightTokenEveryChangeIsAccepted() {
        State before = State.now();
        String simulator = before.simulator();
        String traffic = before.traffic();
        given().header("Authorization", RIGHT).contentType(ContentType.JSON)
                .body(simulator.replace("\"failureRate\":0.005", "\"failureRate\":0.25")).put("/api/simulator")
                .then().statusCode(200).body("process.failureRate", equalTo(0.25f));
        given().header("Authorization", RIGHT).contentType(ContentType.JSON).body(simulator).put("/api/simulator")
                .then().statusCode(200);
        // the scheme is case-insensitive (RFC 9110)
        given().header("Authorization", "bearer " + AdminTokenProfile.TOKEN).contentType(ContentType.JSON).body(traffic)
                .put("/api/traffic").then().statusCode(200);
        given().header("Authorization", RIGHT).post("/api/scenarios/steady").then().statusCode(202)
                .body("name", equalTo("steady"));
        given().header("Authorization", RIGHT).delete("/api/scenarios/active").then().statusCode(200)
                .body("name", equalTo("steady"));
        assertEquals(before, State.now(), "the settings put back, no scenario running");
    }

    @Test
    void readsAndWorkStayOpen() {
        given().get("/api/simulator").then().statusCode(200);
        given().get("/api/traffic").then().statusCode(200);
        given().get("/api/scenarios").then().statusCode(200);
        given().queryParam("delay_ms", 0).queryParam("fail", false).get("/process").then().statusCode(200);
        given().queryParam("count", 1).post("/generate_logs").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
