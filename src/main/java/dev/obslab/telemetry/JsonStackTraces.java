package dev.obslab.telemetry;

import java.util.logging.Handler;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.StructuredFormatter;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Makes the {@code stackTrace} of JSON log lines start with the exception's class, as a stack trace does. jboss-logmanager
 * (3.2) renders the "formatted" exception with the helper its pattern formatter uses for {@code %e}, which always
 * writes {@code ": "} first (there it follows the message), so every JSON line read {@code "stackTrace":": java.lang...}.
 * Neither Quarkus nor the formatter has a switch for it, so the JSON formatters of the installed handlers (console,
 * and file where it is on) are wrapped once at start-up and that leading separator is cut from their output.
 */
@ApplicationScoped
public class JsonStackTraces {

    static final String BROKEN = "\"stackTrace\":\": ";
    static final String FIXED = "\"stackTrace\":\"";

    void install(@Observes StartupEvent event) {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            wrap(handler);
        }
    }

    private static void wrap(Handler handler) {
        if (handler.getFormatter() instanceof StructuredFormatter json) {
            handler.setFormatter(new Fixed(json));
        }
        if (handler instanceof ExtHandler parent) { // Quarkus nests the real handlers in a delayed handler
            for (Handler child : parent.getHandlers()) {
                wrap(child);
            }
        }
    }

    /** One JSON line per record: the key can only appear unescaped as a key, never inside a string value. */
    static String fix(String line) {
        int at = line.lastIndexOf(BROKEN);
        return at < 0 ? line : line.substring(0, at) + FIXED + line.substring(at + BROKEN.length());
    }

    private static final class Fixed extends ExtFormatter {
        private final StructuredFormatter delegate;

        Fixed(StructuredFormatter delegate) {
            this.delegate = delegate;
        }

        @Override
        public String format(ExtLogRecord record) {
            String line = delegate.format(record);
            return record.getThrown() == null ? line : fix(line);
        }

        @Override
        public String getHead(Handler h) {
            return delegate.getHead(h);
        }

        @Override
        public String getTail(Handler h) {
            return delegate.getTail(h);
        }

        @Override
        public boolean isCallerCalculationRequired() {
            return delegate.isCallerCalculationRequired();
        }
    }
}
