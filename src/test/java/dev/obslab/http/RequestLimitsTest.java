package dev.obslab.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.obslab.http.problem.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Oversized requests are answered with problem+json and change nothing (the socket-level checks: dev.obslab.live.HostileClientsLiveIT). */
@QuarkusTest
class RequestLimitsTest {

    @Test
    void aLongRequestTargetIs414Problem() {
        given().queryParam("pad", "a".repeat(9_000)).get("/process").then().statusCode(414)
                .contentType(Problem.MEDIA_TYPE).body("status", equalTo(414));
    }

    @Test
    void aLargeHeaderBlockIs431Problem() {
        given().header("X-Big", "a".repeat(20_000)).get("/process").then().statusCode(431)
                .contentType(Problem.MEDIA_TYPE).body("status", equalTo(431));
    }

    @Test
    void aBodyOverTheLimitIs413ProblemAndNothingChanges() {
        String before = given().get("/api/simulator").then().statusCode(200).extract().asString();
        given().contentType(ContentType.JSON).body(" ".repeat(70 * 1024) + before).put("/api/simulator").then()
                .statusCode(413).contentType(Problem.MEDIA_TYPE).body("status", equalTo(413));
        given().get("/api/simulator").then().statusCode(200).body(equalTo(before));
    }

    /** The fuzz holds the service to its OpenAPI document: these answers of every operation are in it. */
    @Test
    void everyOperationDocumentsTheLimitAnswersAsProblems() {
        Map<String, Map<String, Map<String, Object>>> paths = given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().path("paths");
        int operations = 0;
        for (var path : paths.entrySet()) {
            for (var operation : path.getValue().entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.getValue().get("responses");
                for (String status : List.of("406", "413", "414", "431")) {
                    assertTrue(responses.containsKey(status), operation.getKey() + " " + path.getKey() + " documents " + status);
                    assertTrue(((Map<?, ?>) responses.get(status).get("content")).containsKey(Problem.MEDIA_TYPE),
                            operation.getKey() + " " + path.getKey() + " " + status + " is problem+json");
                }
                operations++;
            }
        }
        assertTrue(operations >= 11, "operations: " + operations);
    }

    @Test
    void requestsWithinTheLimitsAreServed() {
        // a long target made of a known parameter (an unknown one is a 400 of its own): delay_ms=000...0 is 0
        given().queryParam("delay_ms", "0".repeat(4_000)).header("X-Fine", "a".repeat(8_000))
                .queryParam("fail", false).get("/process").then().statusCode(200);
    }
}
