package dev.obslab.logs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.obslab.http.problem.ProblemTypes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class GenerateLogsResourceTest {

    @Test
    void defaultCountIsTenAndLevelsAddUp() {
        Response r = given().get("/generate_logs");
        r.then().statusCode(200).contentType("application/json")
                .body("generated", equalTo(10))
                .body("byLevel.keySet()", containsInAnyOrder("TRACE", "DEBUG", "INFO", "WARN", "ERROR"))
                .body("requestId", notNullValue())
                .body("traceId", matchesPattern("[0-9a-f]{32}"));
        Map<String, Integer> byLevel = r.path("byLevel");
        assertEquals(10, byLevel.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(r.header("X-Trace-Id"), r.path("traceId"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "error", "Warn" })
    void forcedLevelPutsEveryEventAtThatLevel(String level) {
        given().queryParam("count", 7).queryParam("level", level).post("/generate_logs").then().statusCode(200)
                .body("generated", equalTo(7))
                .body("byLevel." + level.toUpperCase(), equalTo(7));
    }

    @Test
    void largestBurstIsAccepted() {
        given().queryParam("count", 10000).get("/generate_logs").then().statusCode(200)
                .body("generated", equalTo(10000));
    }

    @ParameterizedTest
    @CsvSource({ "count,0", "count,10001", "count,abc", "count,-5", "level,VERBOSE", "level,ALL" })
    void badParameterIsA400NamingIt(String name, String value) {
        given().queryParam(name, value).get("/generate_logs").then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", equalTo(ProblemTypes.INVALID_PARAMETERS))
                .body("errors.field", contains(name));
    }
}
