package dev.obslab.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import org.junit.jupiter.api.Test;

import dev.obslab.http.problem.ProblemTypes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Answers to common mistakes say what to do: the words a person needs, not the framework's. Nothing changes. */
@QuarkusTest
class HelpfulAnswersTest {

    private static final String TRAFFIC = "{\"rps\":%s,\"mix\":{\"process\":1},\"maxInFlight\":1,\"logCount\":1,\"slowDelayMs\":0}";

    @Test
    void anUnknownQueryParameterIsNamedWithTheOnesTheEndpointAccepts() {
        given().queryParam("delay", 100).get("/process").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo(ProblemTypes.INVALID_PARAMETERS))
                .body("detail", allOf(containsString("'delay'"), containsString("delay_ms"), containsString("fail")))
                .body("errors.field", contains("delay"))
                .body("errors[0].message", containsString("delay_ms, fail"));
        given().queryParam("delay", 100).post("/process").then().statusCode(400).body("errors.field", contains("delay"));
        given().queryParam("cnt", 5).get("/generate_logs").then().statusCode(400)
                .body("errors[0].message", containsString("count, level"));
        given().queryParam("x", 1).get("/api/simulator").then().statusCode(400)
                .body("detail", containsString("takes none"));
        // known parameters still work
        given().queryParam("delay_ms", 0).queryParam("fail", false).get("/process").then().statusCode(200);
    }

    @Test
    void a415SaysWhichContentTypeToSend() {
        String body = given().get("/api/traffic").then().extract().asString();
        given().contentType(ContentType.TEXT).body(body).put("/api/traffic").then().statusCode(415)
                .contentType("application/problem+json")
                .body("detail", allOf(containsString("Content-Type: application/json"), containsString("got text/plain")));
    }

    @Test
    void a415ForCurlsDefaultFormTypeSaysWhatToSendInstead() {
        // what `curl -X PUT -d '{...}'` sends without -H 'Content-Type: application/json'
        String body = given().get("/api/traffic").then().extract().asString();
        given().contentType("application/x-www-form-urlencoded").body(body).put("/api/traffic").then().statusCode(415)
                .contentType("application/problem+json")
                .body("detail", allOf(containsString("Content-Type: application/json"),
                        containsString("got application/x-www-form-urlencoded")));
    }

    @Test
    void truncatedJsonIsReportedAsMalformedWithItsPlace() {
        given().contentType(ContentType.JSON).body("{\"process\":{").put("/api/simulator").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo(ProblemTypes.MALFORMED_BODY))
                .body("detail", allOf(containsString("not valid JSON"), containsString("line 1, column"),
                        containsString("end-of-input")))
                .body("errors.field", contains("body"))
                .body("errors[0].message", containsString("not valid JSON at line 1, column"));
    }

    @Test
    void aWholeNumberFieldSaysWholeNumberAndItsRange() {
        for (String rps : new String[] { "2.5", "1e12", "1000000000000" }) {
            given().contentType(ContentType.JSON).body(TRAFFIC.formatted(rps)).put("/api/traffic").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("errors.field", contains("rps"))
                    .body("errors[0].message", equalTo("must be a whole number from 0 to 1000"));
        }
    }

    @Test
    void a406SaysWhatThePathAnswers() {
        given().accept("application/xml").get("/api/simulator").then().statusCode(406)
                .contentType("application/problem+json")
                .body("detail", allOf(containsString("application/json"), containsString("application/xml")));
    }
}
