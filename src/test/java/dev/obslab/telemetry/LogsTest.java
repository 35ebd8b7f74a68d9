package dev.obslab.telemetry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.obslab.support.LogFile;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The JSON log lines as the service writes them, tied to requests by trace id. */
@QuarkusTest
class LogsTest {

    private static LogFile logs() {
        return new LogFile(Path.of("target/quarkus-test.log")); // %test.quarkus.log.file.path
    }

    @Test
    void oneRequestWritesOneCompletionLineCarryingItsIds() {
        Response r = given().queryParam("delay_ms", 10).queryParam("fail", false).get("/process");
        String traceId = r.then().statusCode(200).extract().path("traceId");
        List<JsonNode> lines = logs().awaitTrace(traceId, l -> l.stream().anyMatch(LogFile::isCompletionLine));

        List<JsonNode> completions = lines.stream().filter(LogFile::isCompletionLine).toList();
        assertEquals(1, completions.size(), "exactly one completion line: " + lines);
        JsonNode mdc = completions.get(0).get("mdc");
        assertEquals("INFO", completions.get(0).get("level").asText());
        assertEquals("dev.obslab.access", completions.get(0).get("loggerName").asText());
        assertEquals("/process", mdc.get("route").asText());
        assertEquals("GET", mdc.get("method").asText());
        assertEquals("200", mdc.get("status").asText());
        assertEquals("SUCCESS", mdc.get("outcome").asText());
        assertEquals(r.path("requestId").toString(), mdc.get("requestId").asText());
        assertTrue(Double.parseDouble(mdc.get("latencyMs").asText()) >= 10);
        for (JsonNode line : lines) {
            assertTrue(line.path("mdc").path("spanId").asText().matches("[0-9a-f]{16}"), line.toString());
        }
    }

    /** One vocabulary on every line the service wrote in this run, whatever logger wrote it. */
    @Test
    void everyLineCarriesOneOfTheFiveLevels() {
        given().queryParam("count", 50).get("/generate_logs").then().statusCode(200);
        List<JsonNode> lines = logs().linesOfCurrentProcess();
        assertFalse(lines.isEmpty());
        for (JsonNode line : lines) {
            assertTrue(List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(line.path("level").asText()),
                    line.toString());
        }
    }

    /** A warning on every start teaches people to ignore warnings (Micrometer's duplicate-gauge one was). */
    @Test
    void startingWritesNoDuplicateGaugeWarning() {
        given().get("/q/metrics").then().statusCode(200);
        assertTrue(logs().linesOfCurrentProcess().stream()
                .noneMatch(l -> l.path("message").asText().contains("already registered")),
                "a start-up warning about a gauge registered twice");
    }

    @Test
    void simulatedFailureIsLoggedAtErrorWithItsIds() {
        String traceId = given().queryParam("fail", true).queryParam("delay_ms", 0).get("/process").then()
                .statusCode(greaterThanOrEqualTo(500)).extract().path("traceId");
        List<JsonNode> lines = logs().awaitTrace(traceId, l -> l.stream().anyMatch(LogFile::isCompletionLine));
        JsonNode completion = lines.stream().filter(LogFile::isCompletionLine).findFirst().orElseThrow();
        assertEquals("ERROR", completion.get("level").asText());
        assertEquals("SERVER_ERROR", completion.get("mdc").get("outcome").asText());
        assertTrue(lines.stream().anyMatch(l -> l.get("level").asText().equals("WARN")
                && l.get("message").asText().startsWith("Simulated failure")), lines.toString());
    }

    @Test
    void aBurstWritesExactlyCountEventsWithTheAnsweredLevels() {
        Response r = given().queryParam("count", 200).get("/generate_logs");
        String traceId = r.then().statusCode(200).extract().path("traceId");
        Map<String, Integer> byLevel = r.path("byLevel");
        List<JsonNode> lines = logs().awaitTrace(traceId, l -> l.stream().anyMatch(LogFile::isCompletionLine));

        List<JsonNode> events = lines.stream().filter(l -> l.get("loggerName").asText().startsWith("simulated.")).toList();
        assertEquals(200, events.size());
        for (String level : List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR")) {
            assertEquals(byLevel.get(level).longValue(),
                    events.stream().filter(e -> e.get("level").asText().equals(level)).count(), level);
        }
        assertEquals(201, lines.size(), "the events plus the completion line");
        for (JsonNode e : events) {
            assertEquals("true", e.get("mdc").get("simulated").asText());
            assertFalse(e.get("mdc").get("subsystem").asText().isEmpty());
            assertEquals(r.path("requestId").toString(), e.get("mdc").get("requestId").asText());
        }
    }

    @Test
    void errorEventsKeepTheirStackTraceInsideTheLine() {
        String traceId = given().queryParam("count", 5).queryParam("level", "ERROR").get("/generate_logs").then()
                .statusCode(200).extract().path("traceId");
        List<JsonNode> errors = logs().awaitTrace(traceId, l -> l.size() >= 6).stream()
                .filter(l -> l.get("loggerName").asText().startsWith("simulated.")).toList();
        assertEquals(5, errors.size());
        for (JsonNode e : errors) {
            String trace = e.path("stackTrace").asText();
            assertTrue(trace.contains("\tat ") && trace.contains("Caused by: "), e.toString());
            // as any stack trace reads: the exception's class and message first (jboss-logmanager put ": " before it)
            assertTrue(trace.matches("(?s)^java\\.[\\w.$]+: [^\n]+\n\tat .*"), "stackTrace starts with the class: " + trace);
        }
    }

    @Test
    void unknownPathIsLoggedWithATemplatedRoute() {
        String traceId = given().get("/no-such-thing/123").then().statusCode(404).extract().header("X-Trace-Id");
        JsonNode completion = logs().awaitTrace(traceId, l -> !l.isEmpty()).get(0);
        assertEquals("NOT_FOUND", completion.get("mdc").get("route").asText());
        assertEquals("/no-such-thing/123", completion.get("mdc").get("path").asText());
        assertEquals("WARN", completion.get("level").asText());
    }
}
