package dev.obslab.telemetry;

import org.jboss.logging.MDC;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** The ids that tie one request's answer, spans and log lines together. */
public final class Correlation {

    public static final String REQUEST_ID = "requestId";
    public static final String TRACE_ID_HEADER = "X-Trace-Id";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String SERVICE_HEADER = "X-Service";

    private Correlation() {
    }

    /** The current request's id, set by {@link RequestTelemetryFilter} for every application request. */
    public static String requestId() {
        Object id = MDC.get(REQUEST_ID);
        return id == null ? null : id.toString();
    }

    private static volatile String service;

    /**
     * The service this instance plays ({@code quarkus.otel.service.name}, env {@code QUARKUS_OTEL_SERVICE_NAME}), read
     * once on first use. Read at run time, never in a static initializer: a native image may run those at build time,
     * and would bake in the build's name.
     */
    public static String service() {
        String name = service;
        if (name == null) {
            name = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getOptionalValue("quarkus.otel.service.name", String.class).orElse("observability-lab");
            service = name;
        }
        return name;
    }

    /** The trace id of the current span, or null outside a trace. */
    public static String traceId() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }
}
