package dev.obslab.telemetry;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Runs first on every HTTP request: gives it a request id, answers with {@code X-Trace-Id} and {@code X-Request-Id},
 * and, when the response is done, writes the one completion log line. Management endpoints under {@code /q/} are
 * left alone here, as they are by the HTTP metrics and the tracer, so all three signals count the same requests.
 */
@ApplicationScoped
public class RequestTelemetryFilter {

    static final String ACCESS_LOGGER = "dev.obslab.access";
    static final String MANAGEMENT_PREFIX = "/q/";
    /** Set by Quarkus REST on the request's context once a resource method matched (also what the metrics use). */
    private static final String URL_TEMPLATE_KEY = "UrlPathTemplate";
    private static final Pattern CLIENT_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String[] LINE_KEYS = { "event", "route", "path", "method", "status", "latencyMs", "outcome" };

    private static final Logger ACCESS = Logger.getLogger(ACCESS_LOGGER);

    void register(@Observes Filters filters) {
        filters.register(this::handle, 1000);
    }

    void handle(RoutingContext rc) {
        if (rc.normalizedPath().startsWith(MANAGEMENT_PREFIX)) {
            rc.next();
            return;
        }
        long started = System.nanoTime();
        String requestId = requestId(rc.request().getHeader(Correlation.REQUEST_ID_HEADER));
        MDC.put(Correlation.REQUEST_ID, requestId);
        SpanContext span = Span.current().getSpanContext();
        rc.response().putHeader(Correlation.REQUEST_ID_HEADER, requestId);
        // which service answered: a caller's call metrics name their target by it
        rc.response().putHeader(Correlation.SERVICE_HEADER, Correlation.service());
        if (span.isValid()) {
            rc.response().putHeader(Correlation.TRACE_ID_HEADER, span.getTraceId());
        }
        rc.addEndHandler(done -> completed(rc, requestId, span, started));
        rc.next();
    }

    /**
     * Reuses a well-formed id from the client (so callers can correlate), else makes a random (version 4) UUID from
     * the thread-local generator: an id needs uniqueness, not the cryptographic strength (and contention) of
     * UUID.randomUUID()'s SecureRandom.
     */
    private static String requestId(String fromClient) {
        if (fromClient != null && CLIENT_REQUEST_ID.matcher(fromClient).matches()) {
            return fromClient;
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    private void completed(RoutingContext rc, String requestId, SpanContext span, long started) {
        int status = rc.response().getStatusCode();
        Logger.Level level = status >= 500 ? Logger.Level.ERROR : status >= 400 ? Logger.Level.WARN : Logger.Level.INFO;
        if (!ACCESS.isEnabled(level)) { // the access log turned off (as the benchmark's "telemetry off" does)
            return;
        }
        double latencyMs = Math.round((System.nanoTime() - started) / 10_000.0) / 100.0;
        String route = route(rc, status);
        String method = rc.request().method().name();
        String outcome = outcome(status);

        // The end handler may run where the request's MDC is gone: set what the line needs, then clean up.
        boolean ownIds = MDC.get("traceId") == null && span.isValid();
        if (ownIds) {
            MDC.put("traceId", span.getTraceId());
            MDC.put("spanId", span.getSpanId());
        }
        MDC.put(Correlation.REQUEST_ID, requestId);
        MDC.put("event", "request.completed");
        MDC.put("route", route);
        MDC.put("path", rc.normalizedPath());
        MDC.put("method", method);
        MDC.put("status", Integer.toString(status));
        MDC.put("latencyMs", Double.toString(latencyMs));
        MDC.put("outcome", outcome);
        try {
            // plain concatenation: String.format showed up in the request-path profile
            ACCESS.log(level, method + ' ' + route + ' ' + status + ' ' + latencyMs + " ms");
        } finally {
            for (String key : LINE_KEYS) {
                MDC.remove(key);
            }
            if (ownIds) {
                MDC.remove("traceId");
                MDC.remove("spanId");
            }
        }
    }

    private static String route(RoutingContext rc, int status) {
        Object template = ((HttpServerRequestInternal) rc.request()).context().getLocal(URL_TEMPLATE_KEY);
        if (template != null) {
            return template.toString();
        }
        return status == 404 ? "NOT_FOUND" : "UNMATCHED";
    }

    /** Same words as the {@code outcome} label of {@code http_server_requests_seconds}. */
    static String outcome(int status) {
        if (status >= 500) {
            return "SERVER_ERROR";
        }
        if (status >= 400) {
            return "CLIENT_ERROR";
        }
        if (status >= 300) {
            return "REDIRECTION";
        }
        if (status >= 200) {
            return "SUCCESS";
        }
        return "INFORMATIONAL";
    }
}
