package dev.obslab.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** A person opening the service's address gets somewhere: Swagger UI in a browser, an index of links otherwise. */
@QuarkusTest
class IndexResourceTest {

    @Test
    void aClientGetsLinksToTheDocsAndTheMainEndpoints() {
        given().get("/").then().statusCode(200).contentType("application/json")
                .body("service", equalTo("observability-lab"))
                .body("links.openapi", equalTo("/q/openapi"))
                .body("links.swaggerUi", equalTo("/q/swagger-ui"))
                .body("links.process", equalTo("/process"))
                .body("links.generateLogs", equalTo("/generate_logs"))
                .body("links.settings", equalTo("/api/simulator"))
                .body("links.metrics", equalTo("/q/metrics"))
                .body("links.health", equalTo("/q/health"))
                .body("traceId", matchesPattern("[0-9a-f]{32}"));
        given().accept("application/json").get("/").then().statusCode(200).body("links.process", equalTo("/process"));
    }

    @Test
    void aBrowserIsSentToSwaggerUi() {
        given().redirects().follow(false)
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .get("/").then().statusCode(303).header("Location", endsWith("/q/swagger-ui"));
    }

    @Test
    void everyLinkAnswers() {
        for (String link : new String[] { "/q/openapi", "/process?delay_ms=0&fail=false", "/generate_logs?count=1",
                "/api/simulator", "/api/traffic", "/api/scenarios", "/q/metrics", "/q/health" }) {
            given().get(link).then().statusCode(200);
        }
    }
}
