package dev.obslab.telemetry.spans;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.exporter.internal.grpc.GrpcExporter;
import io.opentelemetry.sdk.common.InternalTelemetryVersion;
import io.opentelemetry.sdk.internal.ComponentId;
import io.opentelemetry.sdk.internal.StandardComponentId;
import io.opentelemetry.sdk.metrics.ExemplarFilter;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.quarkus.opentelemetry.runtime.exporter.otlp.sender.VertxGrpcSender;
import io.quarkus.opentelemetry.runtime.exporter.otlp.tracing.VertxGrpcSpanExporter;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The service's one span pipeline: a batch span processor in front of an OTLP gRPC exporter, both counted.
 * <p>
 * Quarkus' own OTLP exporter is turned off ({@code quarkus.otel.exporter.otlp.enabled=false}) because it builds its
 * batch processor with a no-op meter provider, so spans dropped on a full queue are invisible. This producer builds
 * the same pieces Quarkus does (its Vert.x gRPC sender and span exporter) with a meter provider that
 * {@link SpanPipelineMetrics} reads. Quarkus adds every {@link SpanProcessor} bean to the tracer provider, and
 * shuts it down (flushing the queue) when the application stops.
 */
@Singleton
public class SpanPipeline {

    private static final Logger LOG = Logger.getLogger(SpanPipeline.class);
    private volatile SpanProcessor built;

    @Produces
    @Singleton
    SpanProcessor spanPipeline(SpanExportConfig config, MeterRegistry registry, Vertx vertx) {
        built = build(config, registry, vertx);
        return built;
    }

    /**
     * On shutdown the queue is sent while the Vert.x event loop the exporter needs still runs: the SDK's own flush
     * comes when beans are destroyed, which may be after Vert.x has closed, and then the last spans would be lost.
     * Quarkus fires this once requests in flight have finished (quarkus.shutdown.timeout).
     */
    void flushOnShutdown(@Observes ShutdownEvent event) {
        SpanProcessor processor = built;
        if (processor != null && !processor.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()) {
            LOG.warn("Spans still queued at shutdown could not all be exported");
        }
    }

    private static SpanProcessor build(SpanExportConfig config, MeterRegistry registry, Vertx vertx) {
        SpanPipelineMetrics metrics = new SpanPipelineMetrics(registry, config.maxQueueSize());
        // The processor counts every span it takes (a counter add per span): with exemplars off, an add does not look up
        // the current context and offer the span to a reservoir (docs/benchmarks.md, section 8). Nothing reads them.
        MeterProvider sdkMetrics = SdkMeterProvider.builder().registerMetricReader(metrics)
                .setExemplarFilter(ExemplarFilter.alwaysOff()).build();
        return BatchSpanProcessor.builder(new CountingSpanExporter(otlpGrpc(config, vertx), metrics))
                .setMeterProvider(sdkMetrics)
                .setMaxQueueSize(config.maxQueueSize())
                .setMaxExportBatchSize(Math.min(config.maxExportBatchSize(), config.maxQueueSize()))
                .setScheduleDelay(config.scheduleDelay())
                .setExporterTimeout(config.exportTimeout())
                .build();
    }

    private static VertxGrpcSpanExporter otlpGrpc(SpanExportConfig config, Vertx vertx) {
        URI endpoint = config.endpoint();
        boolean tls = "https".equalsIgnoreCase(endpoint.getScheme());
        VertxGrpcSender sender = new VertxGrpcSender(endpoint, VertxGrpcSender.GRPC_TRACE_SERVICE_NAME,
                config.compression(), config.exportTimeout(), Map.of(),
                options -> options.setSsl(tls).setUseAlpn(tls), vertx);
        return new VertxGrpcSpanExporter(new GrpcExporter<>(sender, InternalTelemetryVersion.LEGACY,
                ComponentId.generateLazy(StandardComponentId.ExporterType.OTLP_GRPC_SPAN_EXPORTER),
                MeterProvider::noop, endpoint.toASCIIString()));
    }
}
