package dev.obslab.telemetry;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.*;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.obslab.support.Await;
import dev.obslab.support.Concurrent;
import dev.obslab.support.LogFile;
import dev.obslab.support.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The span pipeline reports on itself: with no collector listening, failed exports and spans lost to them are
 * counted, and a burst that overflows the queue counts its drops; nothing is counted as exported.
 */
@QuarkusTest
@TestProfile(UnreachableCollector.class)
class SpanPipelineTest {

    private static final String DROPPED = "simulator_spans_dropped_total";

    @Test
    void lostSpansAreCountedByReasonAndNoneAsExported() {
        Scrape before = Scrape.now();
        assertThat(before.value("simulator_span_queue_capacity"), is((double) UnreachableCollector.QUEUE));

        Concurrent.Result burst = Concurrent.get("/process?delay_ms=0&fail=false", 40, () -> 0);
        assertThat(burst.statuses(), everyItem(is(200)));

        Scrape after = Await.until(Scrape::now, s -> queueFull(s) > queueFull(before)
                && failedExports(s) > failedExports(before) && exportFailed(s) > exportFailed(before),
                Duration.ofSeconds(15));
        // 40 requests end at least 5 spans each (the server span and 4 steps): a queue of two cannot take them.
        assertThat("spans dropped on a full queue", queueFull(after), greaterThan(queueFull(before)));
        assertThat("failed export calls", failedExports(after), greaterThan(failedExports(before)));
        assertThat("spans lost in failed exports", exportFailed(after), greaterThan(exportFailed(before)));
        assertThat("nothing reached a collector", after.value("simulator_spans_exported_total"), is(0.0));
        assertThat(after.value("simulator_span_queue_size"),
                both(greaterThanOrEqualTo(0.0)).and(lessThanOrEqualTo((double) UnreachableCollector.QUEUE)));
    }

    /**
     * The OTLP sender logs through java.util.logging ("Failed to export ...", at WARNING): on the JSON line it is WARN,
     * like every warning, so the Logs dashboard's level variable and its warnings panel see lost traces.
     */
    @Test
    void theExportersWarningIsLoggedAsWarn() {
        Concurrent.get("/process?delay_ms=0&fail=false", 5, () -> 0);
        LogFile logs = new LogFile(Path.of("target/quarkus-test.log"));
        List<JsonNode> exporterLines = Await.until(() -> logs.lines().stream()
                .filter(l -> l.path("message").asText().startsWith("Failed to export")).toList(),
                l -> !l.isEmpty(), Duration.ofSeconds(30));
        assertThat("the exporter complained about the unreachable collector", exporterLines, not(empty()));
        assertThat(exporterLines.stream().map(l -> l.get("level").asText()).distinct().toList(), everyItem(is("WARN")));
    }

    private static double queueFull(Scrape s) {
        return s.sum(DROPPED, "reason=\"queue_full\"");
    }

    private static double exportFailed(Scrape s) {
        return s.sum(DROPPED, "reason=\"export_failed\"");
    }

    private static double failedExports(Scrape s) {
        return s.value("simulator_span_exports_failed_total");
    }

}
