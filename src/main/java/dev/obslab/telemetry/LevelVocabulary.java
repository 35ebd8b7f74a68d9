package dev.obslab.telemetry;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.Level;

import io.quarkus.logging.LoggingFilter;

/**
 * One level vocabulary on every log line: TRACE, DEBUG, INFO, WARN, ERROR. Loggers of java.util.logging (the OTLP
 * exporter's "Failed to export spans" among them) log WARNING, SEVERE, FINE or CONFIG, which Promtail would make
 * {@code level} labels that the Logs dashboard cannot select. Normalised here, at the source, so every reader of the
 * JSON (Loki, a terminal, a test) sees the same five words; Promtail maps stray words too, for other senders.
 * The record's level is rewritten by its numeric value; nothing is dropped (the filter always accepts).
 */
@LoggingFilter(name = "level-vocabulary")
public final class LevelVocabulary implements Filter {

    @Override
    public boolean isLoggable(LogRecord record) {
        java.util.logging.Level level = record.getLevel();
        java.util.logging.Level canonical = canonical(level);
        if (canonical != level) {
            record.setLevel(canonical);
        }
        return true;
    }

    /** SEVERE, FATAL to ERROR; WARNING to WARN; CONFIG, FINE to DEBUG; FINER, FINEST to TRACE. */
    static java.util.logging.Level canonical(java.util.logging.Level level) {
        int v = level.intValue();
        if (v >= Level.ERROR.intValue()) {
            return v == Level.OFF.intValue() ? level : Level.ERROR;
        }
        if (v >= Level.WARN.intValue()) {
            return Level.WARN;
        }
        if (v >= Level.INFO.intValue()) {
            return Level.INFO;
        }
        if (v >= Level.DEBUG.intValue()) {
            return Level.DEBUG;
        }
        return Level.TRACE;
    }
}
