package dev.obslab.telemetry.spans;

import java.util.Collection;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/** Counts what each export call did, then passes the result on unchanged. */
final class CountingSpanExporter implements SpanExporter {

    private final SpanExporter delegate;
    private final SpanPipelineMetrics metrics;

    CountingSpanExporter(SpanExporter delegate, SpanPipelineMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        int n = spans.size();
        CompletableResultCode result = delegate.export(spans);
        result.whenComplete(() -> {
            if (result.isSuccess()) {
                metrics.exported(n);
            } else {
                metrics.exportFailed(n);
            }
        });
        return result;
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }
}
