package dev.obslab.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.obslab.support.Await;
import dev.obslab.support.LogFile;
import io.quarkus.test.junit.QuarkusTest;

/**
 * java.util.logging's words become the one vocabulary on the JSON line. A JUL logger in this JVM writes through the
 * service's handlers, so this runs as a {@code @QuarkusTest} only (the packaged jar's own JUL lines are checked by
 * {@code SpanPipelineTest}/{@code IT}: the OTLP exporter's warning).
 */
@QuarkusTest
class LevelVocabularyTest {

    @Test
    void julLevelsAreWrittenAsTheFiveLevels() {
        Logger jul = Logger.getLogger("dev.obslab.test.jul");
        jul.setLevel(Level.ALL);
        String marker = UUID.randomUUID().toString();
        jul.severe("severe " + marker);
        jul.warning("warning " + marker);
        jul.info("info " + marker);
        jul.config("config " + marker);
        jul.fine("fine " + marker);

        LogFile logs = new LogFile(Path.of("target/quarkus-test.log"));
        List<JsonNode> lines = Await.until(() -> logs.lines().stream()
                .filter(l -> l.path("message").asText().endsWith(marker)).toList(), l -> l.size() >= 5,
                java.time.Duration.ofSeconds(10));
        assertEquals(List.of("severe ERROR", "warning WARN", "info INFO", "config DEBUG", "fine DEBUG"),
                lines.stream().map(l -> l.get("message").asText().split(" ")[0] + " " + l.get("level").asText())
                        .toList());
    }

    @Test
    void everyLevelMapsIntoTheVocabulary() {
        assertEquals(org.jboss.logmanager.Level.ERROR, LevelVocabulary.canonical(Level.SEVERE));
        assertEquals(org.jboss.logmanager.Level.ERROR, LevelVocabulary.canonical(org.jboss.logmanager.Level.FATAL));
        assertEquals(org.jboss.logmanager.Level.WARN, LevelVocabulary.canonical(Level.WARNING));
        assertEquals(org.jboss.logmanager.Level.INFO, LevelVocabulary.canonical(Level.INFO));
        assertEquals(org.jboss.logmanager.Level.DEBUG, LevelVocabulary.canonical(Level.CONFIG));
        assertEquals(org.jboss.logmanager.Level.DEBUG, LevelVocabulary.canonical(Level.FINE));
        assertEquals(org.jboss.logmanager.Level.TRACE, LevelVocabulary.canonical(Level.FINER));
        assertEquals(org.jboss.logmanager.Level.TRACE, LevelVocabulary.canonical(Level.FINEST));
        for (org.jboss.logmanager.Level same : new org.jboss.logmanager.Level[] { org.jboss.logmanager.Level.ERROR,
                org.jboss.logmanager.Level.WARN, org.jboss.logmanager.Level.INFO, org.jboss.logmanager.Level.DEBUG,
                org.jboss.logmanager.Level.TRACE }) {
            assertEquals(same, LevelVocabulary.canonical(same));
        }
    }
}
