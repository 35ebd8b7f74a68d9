package dev.obslab.telemetry.spans;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The span pipeline: where spans go and how much may wait. Env: {@code SIMULATOR_TRACES_ENDPOINT},
 * {@code SIMULATOR_TRACES_MAX_QUEUE_SIZE}, ... The endpoint defaults to Quarkus' own OTLP traces endpoint key, so
 * {@code QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} keeps working.
 */
@ConfigMapping(prefix = "simulator.traces")
public interface SpanExportConfig {

    /** OTLP gRPC endpoint (http or https). */
    URI endpoint();

    /** Spans that may wait for export; past it new spans are dropped (and counted). */
    @WithDefault("8192")
    int maxQueueSize();

    /** Spans per export call; a batch is sent as soon as this many wait. */
    @WithDefault("1024")
    int maxExportBatchSize();

    /** Longest a span waits for a batch to fill. */
    @WithDefault("1s")
    Duration scheduleDelay();

    /** Longest one export call may take before it counts as failed. */
    @WithDefault("10s")
    Duration exportTimeout();

    /** gzip the export requests. */
    @WithDefault("false")
    boolean compression();
}
