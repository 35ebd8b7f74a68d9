package dev.obslab.telemetry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.obslab.support.Scrape;
import dev.obslab.support.SettingsGuard;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

@QuarkusTest
class MetricsTest {

    private static final String PROCESS_OK = "http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/process\"}";

    /** Accept headers Prometheus 2.42 and 3.x send when scraping. */
    static final String PROMETHEUS_2_ACCEPT = "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
    static final String PROMETHEUS_3_ACCEPT = "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

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
    void everyRequestIsCountedExactlyOnce() {
        Scrape before = Scrape.now();
        int k = 37;
        for (int i = 0; i < k; i++) {
            given().queryParam("delay_ms", 0).queryParam("fail", false).get("/process").then().statusCode(200);
        }
        given().queryParam("delay_ms", "bad").get("/process").then().statusCode(400);
        Scrape after = Scrape.now();
        assertEquals(k, after.value(PROCESS_OK) - before.value(PROCESS_OK));
        assertEquals(1, after.value("http_server_requests_seconds_count{method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"400\",uri=\"/process\"}")
                - before.value("http_server_requests_seconds_count{method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"400\",uri=\"/process\"}"));
        String work = "simulator_work_duration_seconds_count{endpoint=\"process\",outcome=\"success\"}";
        assertEquals(k, after.value(work) - before.value(work));
        assertEquals(k, after.value("simulator_step_duration_seconds_count{step=\"authorize-payment\"}")
                - before.value("simulator_step_duration_seconds_count{step=\"authorize-payment\"}"));
    }

    @Test
    void simulatedFailureCountsOnceByStatus() {
        SettingsGuard.change(s -> ((com.fasterxml.jackson.databind.node.ObjectNode) s.get("process"))
                .set("failureStatuses", s.objectNode().put("504", 1)));
        Scrape before = Scrape.now();
        given().queryParam("fail", true).queryParam("delay_ms", 0).get("/process").then().statusCode(504);
        Scrape after = Scrape.now();
        assertEquals(1, after.value("simulator_failures_total{endpoint=\"process\",status=\"504\"}")
                - before.value("simulator_failures_total{endpoint=\"process\",status=\"504\"}"));
        assertEquals(1, after.sum("simulator_failures_total") - before.sum("simulator_failures_total"));
        assertEquals(1, after.value("simulator_work_duration_seconds_count{endpoint=\"process\",outcome=\"failure\"}")
                - before.value("simulator_work_duration_seconds_count{endpoint=\"process\",outcome=\"failure\"}"));
        assertEquals(1, after.value("http_server_requests_seconds_count{method=\"GET\",outcome=\"SERVER_ERROR\",status=\"504\",uri=\"/process\"}")
                - before.value("http_server_requests_seconds_count{method=\"GET\",outcome=\"SERVER_ERROR\",status=\"504\",uri=\"/process\"}"));
    }

    @Test
    void logEventsAreCountedByLevel() {
        Scrape before = Scrape.now();
        given().queryParam("count", 25).queryParam("level", "WARN").get("/generate_logs").then().statusCode(200);
        Response mixed = given().queryParam("count", 40).get("/generate_logs");
        Scrape after = Scrape.now();
        int mixedWarn = mixed.path("byLevel.WARN");
        assertEquals(25 + mixedWarn, after.value("simulator_log_events_total{level=\"WARN\"}")
                - before.value("simulator_log_events_total{level=\"WARN\"}"));
        assertEquals(65, after.sum("simulator_log_events_total") - before.sum("simulator_log_events_total"));
    }

    @Test
    void settingsInForceArePublishedAndChangesCounted() {
        Scrape before = Scrape.now();
        SettingsGuard.change(s -> ((com.fasterxml.jackson.databind.node.ObjectNode) s.get("process"))
                .put("failureRate", 0.125)
                .set("latency", s.objectNode().put("distribution", "log-normal").put("medianMs", 250).put("p99Ms", 2000)));
        Scrape after = Scrape.now();
        assertEquals(0.125, after.value("simulator_settings_failure_ratio{endpoint=\"process\"}"));
        assertEquals(0.25, after.value("simulator_settings_latency_median_seconds{endpoint=\"process\"}"), 1e-9);
        assertEquals(2.0, after.value("simulator_settings_latency_p99_seconds{endpoint=\"process\"}"), 1e-9);
        assertEquals(1, after.value("simulator_settings_changes_total{source=\"api\"}")
                - before.value("simulator_settings_changes_total{source=\"api\"}"));
    }

    @Test
    void unknownPathsDoNotCreateSeries() {
        for (int i = 0; i < 20; i++) {
            given().get("/warm-up-" + i).then().statusCode(404);
        }
        Scrape before = Scrape.now();
        for (int i = 0; i < 300; i++) {
            given().get("/" + UUID.randomUUID() + "/" + i).then().statusCode(404);
        }
        Scrape after = Scrape.now();
        assertEquals(before.count("http_server_requests_seconds_bucket"), after.count("http_server_requests_seconds_bucket"));
        assertTrue(after.series().size() - before.series().size() < 20,
                "series must not grow with the paths: " + before.series().size() + " -> " + after.series().size());
        assertEquals(300, after.value("http_server_requests_seconds_count{method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"NOT_FOUND\"}")
                - before.value("http_server_requests_seconds_count{method=\"GET\",outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"NOT_FOUND\"}"));
    }

    @Test
    void latencyHistogramsHaveTheExplicitBuckets() {
        given().queryParam("delay_ms", 0).queryParam("fail", false).get("/process").then().statusCode(200);
        Scrape scrape = Scrape.now();
        List<String> expected = List.of("0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5",
                "1.0", "2.5", "5.0", "10.0", "30.0", "+Inf");
        for (String family : List.of("http_server_requests_seconds_bucket", "simulator_work_duration_seconds_bucket",
                "simulator_step_duration_seconds_bucket")) {
            String prefix = family.equals("http_server_requests_seconds_bucket")
                    ? family + "{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/process\",le=\""
                    : family.equals("simulator_work_duration_seconds_bucket")
                            ? family + "{endpoint=\"process\",outcome=\"success\",le=\""
                            : family + "{step=\"persist-order\",le=\"";
            List<String> les = scrape.series().keySet().stream().filter(k -> k.startsWith(prefix))
                    .map(k -> k.substring(prefix.length(), k.length() - 2)).toList();
            assertEquals(expected, les, family);
        }
    }

    @Test
    void managementEndpointsAreNotCounted() {
        Scrape before = Scrape.now();
        for (int i = 0; i < 5; i++) {
            given().get("/q/health/ready").then().statusCode(200);
        }
        Scrape after = Scrape.now();
        assertEquals(before.sum("http_server_requests_seconds_count"), after.sum("http_server_requests_seconds_count"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "/q/metrics|" + PROMETHEUS_2_ACCEPT, "/q/metrics|" + PROMETHEUS_3_ACCEPT,
            "/q/metrics/|" + PROMETHEUS_3_ACCEPT })
    void prometheusScrapesGetOpenMetricsWithTraceExemplars(String path, String accept) {
        given().queryParam("delay_ms", 3).queryParam("fail", false).get("/process").then().statusCode(200);
        String body = given().accept(accept).get(path).then().statusCode(200)
                .contentType(startsWith("application/openmetrics-text; version=1.0.0"))
                .body(endsWith("# EOF\n")).extract().asString();
        Matcher exemplar = Pattern.compile("^http_server_requests_seconds_bucket\\{[^}]*uri=\"/process\"[^}]*} \\S+ # \\{[^}]*trace_id=\"([0-9a-f]{32})\"", Pattern.MULTILINE)
                .matcher(body);
        // An exemplar is kept for a few seconds before a newer one replaces it, so the trace is not always ours.
        assertTrue(exemplar.find(), "a /process bucket carries a trace_id exemplar");
        // Prometheus rejects the whole scrape if any other sample (e.g. a histogram's _count) carries one.
        for (String line : body.split("\n")) {
            if (!line.startsWith("#") && line.contains(" # {")) {
                String name = line.substring(0, line.indexOf('{') > 0 ? line.indexOf('{') : line.indexOf(' '));
                assertTrue(name.endsWith("_bucket") || name.endsWith("_total"), "exemplar not allowed on " + line);
            }
        }
    }

    /**
     * curl sends {@code Accept: *}{@code /*}; some clients send no Accept at all. Quarkus' own handler answered both
     * with OpenMetrics carrying exemplars on {@code _count}, which no OpenMetrics parser accepts.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "/q/metrics|*/*", "/q/metrics|''", "/q/metrics|text/html",
            "/q/metrics|application/json", "/q/metrics/|*/*", "/q/metrics/|''", "/q/metrics/|text/html" })
    void everyOtherClientGetsTheTextFormatWithoutExemplars(String path, String accept) throws Exception {
        given().queryParam("delay_ms", 3).queryParam("fail", false).get("/process").then().statusCode(200);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path));
        if (!accept.isEmpty()) {
            request.header("Accept", accept);
        }
        // java.net.http sends no Accept header of its own (RestAssured would add */*); HTTP/1.1: no h2c upgrade dance
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + " with Accept '" + accept + "'");
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                "content type of " + path + " for Accept '" + accept + "': " + response.headers().firstValue("Content-Type"));
        assertTrue(response.body().contains("simulator_work_duration_seconds_bucket"));
        assertTrue(!response.body().contains(" # {"), "the text format has no exemplars");
    }

    @Test
    void plainTextIsStillServedToThoseWhoAskForIt() {
        given().accept("text/plain").get("/q/metrics").then().statusCode(200)
                .contentType(startsWith("text/plain; version=0.0.4"))
                .body(containsString("simulator_work_duration_seconds_bucket"))
                .body(not(containsString("# {")));
    }

    @Test
    void everySeriesNamesTheServiceThisInstancePlays() {
        given().queryParam("delay_ms", 0).get("/process").then().statusCode(200);
        Scrape scrape = Scrape.now();
        assertTrue(scrape.series().size() > 50, "a real scrape");
        assertTrue(scrape.unlabelled().isEmpty(), "series without " + Scrape.SERVICE_LABEL + ": " + scrape.unlabelled());
    }
}
