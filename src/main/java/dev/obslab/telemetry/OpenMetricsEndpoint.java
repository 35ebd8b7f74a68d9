package dev.obslab.telemetry;

import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Gets exemplars to Prometheus. Two things stand in the way with Quarkus' own scrape handler: it answers the classic
 * text format (no exemplars) whenever the Accept header mentions {@code text/plain}, which Prometheus 2 and 3 always
 * list as a fallback; and Micrometer puts an exemplar on each histogram's {@code _count}, which OpenMetrics does not
 * allow and Prometheus rejects, failing the whole scrape. Quarkus' handler also answers that invalid OpenMetrics to
 * {@code Accept: *}{@code /*} (curl) and to no Accept header at all. So every GET is answered here: a client that
 * names OpenMetrics gets OpenMetrics 1.0.0 with exemplars kept only on histogram buckets and counter totals; anyone
 * else (curl, a browser, {@code Accept: text/plain}, no Accept) gets the classic text format, which has no exemplars.
 * No answer of this path (with or without a trailing slash) is invalid OpenMetrics or a bodiless 406, whoever asks.
 */
@ApplicationScoped
public class OpenMetricsEndpoint {

    static final String METRICS_PATH = "/q/metrics";
    static final String METRICS_PATH_SLASH = METRICS_PATH + "/";
    static final String OPENMETRICS = "application/openmetrics-text";
    static final String OPENMETRICS_1_0 = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    static final String TEXT_0_0_4 = "text/plain; version=0.0.4; charset=utf-8";
    static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    static final String OUTAGE_MESSAGE = "503 Service Unavailable: a simulated scrape outage (scenario 'outage') is "
            + "running; /q/metrics answers again when it ends or is stopped (DELETE /api/scenarios/active).\n";

    private final PrometheusMeterRegistry registry;
    private final ScrapeOutage outage;

    public OpenMetricsEndpoint(PrometheusMeterRegistry registry, ScrapeOutage outage) {
        this.registry = registry;
        this.outage = outage;
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, 1100);
    }

    void handle(RoutingContext rc) {
        String path = rc.normalizedPath();
        // every other request: a comparison or two, nothing more; /q/metrics/ is the same resource as /q/metrics
        if (!METRICS_PATH.equals(path) && !METRICS_PATH_SLASH.equals(path)) {
            rc.next();
            return;
        }
        if (outage.isOn()) {
            // Prometheus' targets page shows the status; whoever opens the URL reads why
            rc.response().setStatusCode(503).putHeader(HttpHeaders.CONTENT_TYPE, TEXT_PLAIN)
                    .end(OUTAGE_MESSAGE);
            return;
        }
        String accept = rc.request().getHeader(HttpHeaders.ACCEPT);
        if (rc.request().method() != HttpMethod.GET) {
            rc.next(); // HEAD and the like: Quarkus' handler, no body to get wrong
            return;
        }
        if (accept != null && accept.contains(OPENMETRICS)) {
            rc.response().putHeader(HttpHeaders.CONTENT_TYPE, OPENMETRICS_1_0).end(withValidExemplars(registry.scrape(OPENMETRICS_1_0)));
        } else {
            rc.response().putHeader(HttpHeaders.CONTENT_TYPE, TEXT_0_0_4).end(registry.scrape(TEXT_0_0_4));
        }
    }

    /** Drops exemplars from every sample but {@code *_bucket} and {@code *_total}, the only ones OpenMetrics allows. */
    static String withValidExemplars(String openMetrics) {
        StringBuilder out = new StringBuilder(openMetrics.length());
        int start = 0;
        while (start < openMetrics.length()) {
            int end = openMetrics.indexOf('\n', start);
            end = end < 0 ? openMetrics.length() : end + 1;
            int exemplar = openMetrics.indexOf(" # {", start);
            if (exemplar >= 0 && exemplar < end && openMetrics.charAt(start) != '#' && !allowsExemplar(openMetrics, start)) {
                out.append(openMetrics, start, exemplar).append('\n');
            } else {
                out.append(openMetrics, start, end);
            }
            start = end;
        }
        return out.toString();
    }

    private static boolean allowsExemplar(String text, int lineStart) {
        int nameEnd = lineStart;
        while (nameEnd < text.length() && text.charAt(nameEnd) != '{' && text.charAt(nameEnd) != ' ') {
            nameEnd++;
        }
        String name = text.substring(lineStart, nameEnd);
        return name.endsWith("_bucket") || name.endsWith("_total");
    }
}
