package dev.obslab.support;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Captures the spans the service exports, next to the OTLP exporter (JVM tests only). */
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }

    /** Waits (bounded) until the spans of one trace satisfy {@code done}; returns them. */
    public static List<SpanData> await(InMemorySpanExporter exporter, String traceId, Predicate<List<SpanData>> done) {
        return Await.until(() -> of(exporter, traceId), done, Duration.ofSeconds(10));
    }

    private static List<SpanData> of(InMemorySpanExporter exporter, String traceId) {
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }
}
