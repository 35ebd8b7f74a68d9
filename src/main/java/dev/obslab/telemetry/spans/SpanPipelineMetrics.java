package dev.obslab.telemetry.spans;

import java.util.Collection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;

/**
 * What the span pipeline did, as Prometheus metrics: spans exported, spans dropped because the queue was full, spans
 * lost in failed exports, failed export calls, and the queue's fill. The drops are only known inside the SDK's
 * {@code BatchSpanProcessor}, which reports them through an OpenTelemetry {@code MeterProvider}: this class is also
 * the {@link MetricReader} of that provider, read on every scrape.
 */
public final class SpanPipelineMetrics implements MetricReader {

    // The BatchSpanProcessor's own instruments (OpenTelemetry SDK 1.57, "legacy" internal telemetry).
    static final String PROCESSED = "processedSpans";
    static final String QUEUE_SIZE = "queueSize";
    static final AttributeKey<Boolean> DROPPED = AttributeKey.booleanKey("dropped");

    private volatile CollectionRegistration registration = CollectionRegistration.noop();
    private final Counter exported;
    private final Counter lostInFailedExports;
    private final Counter failedExports;

    public SpanPipelineMetrics(MeterRegistry registry, int queueCapacity) {
        exported = Counter.builder("simulator.spans.exported")
                .description("Spans the trace backend accepted").register(registry);
        FunctionCounter.builder("simulator.spans.dropped", this, SpanPipelineMetrics::droppedQueueFull)
                .description("Spans lost before reaching the backend, by reason").tag("reason", "queue_full")
                .register(registry);
        lostInFailedExports = Counter.builder("simulator.spans.dropped")
                .description("Spans lost before reaching the backend, by reason").tag("reason", "export_failed")
                .register(registry);
        failedExports = Counter.builder("simulator.span.exports.failed")
                .description("Export calls to the trace backend that failed or timed out").register(registry);
        Gauge.builder("simulator.span.queue.size", this, SpanPipelineMetrics::queueSize)
                .description("Spans waiting for export").register(registry);
        Gauge.builder("simulator.span.queue.capacity", () -> queueCapacity)
                .description("Spans that may wait for export before new ones are dropped").register(registry);
    }

    void exported(int spans) {
        exported.increment(spans);
    }

    void exportFailed(int spans) {
        failedExports.increment();
        lostInFailedExports.increment(spans);
    }

    private Collection<MetricData> collect() {
        return registration.collectAllMetrics();
    }

    private double droppedQueueFull() {
        long sum = 0;
        for (MetricData m : collect()) {
            if (PROCESSED.equals(m.getName())) {
                for (LongPointData p : m.getLongSumData().getPoints()) {
                    if (Boolean.TRUE.equals(p.getAttributes().get(DROPPED))) {
                        sum += p.getValue();
                    }
                }
            }
        }
        return sum;
    }

    private double queueSize() {
        for (MetricData m : collect()) {
            if (QUEUE_SIZE.equals(m.getName())) {
                return m.getLongGaugeData().getPoints().stream().mapToLong(LongPointData::getValue).sum();
            }
        }
        return 0;
    }

    // --- MetricReader: pull only, cumulative, nothing to flush.

    @Override
    public void register(CollectionRegistration registration) {
        this.registration = registration;
    }

    @Override
    public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
        return AggregationTemporality.CUMULATIVE;
    }

    @Override
    public CompletableResultCode forceFlush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
