package dev.obslab.telemetry;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Lets Prometheus get exemplars. Quarkus' scrape handler answers the classic text format (which has no exemplars) as
 * soon as the Accept header mentions {@code text/plain}, and Prometheus 2 and 3 always list it as a fallback after
 * OpenMetrics. A scraper that accepts OpenMetrics gets OpenMetrics: the header is narrowed to the one value the
 * handler answers with {@code application/openmetrics-text; version=1.0.0}.
 */
@ApplicationScoped
public class OpenMetricsNegotiation {

    static final String METRICS_PATH = "/q/metrics";
    static final String OPENMETRICS = "application/openmetrics-text";
    static final String OPENMETRICS_1_0 = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    void register(@Observes Filters filters) {
        filters.register(this::handle, 1100);
    }

    void handle(RoutingContext rc) {
        if (METRICS_PATH.equals(rc.normalizedPath())) {
            String accept = rc.request().getHeader(HttpHeaders.ACCEPT);
            if (accept != null && accept.contains(OPENMETRICS)) {
                rc.request().headers().set(HttpHeaders.ACCEPT, OPENMETRICS_1_0);
            }
        }
        rc.next();
    }
}
