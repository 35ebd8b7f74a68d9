package dev.obslab.telemetry;

import java.time.Duration;
import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Explicit latency buckets, 1 ms to 30 s (the simulator's range), for the HTTP server and client histograms and ours: enough for
 * {@code histogram_quantile} and heatmaps, few enough (15 series per label set) to keep scrapes small. Histograms
 * also carry the trace-id exemplars.
 */
public class HistogramBuckets {

    static final double[] BUCKETS_SECONDS = { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
            30 };
    private static final Set<String> HTTP_TIMERS = Set.of("http.server.requests", "http.client.requests");
    /** Ours: every simulator timer ({@code simulator.work.duration}, {@code simulator.step.duration}) by its prefix. */
    private static final String OUR_TIMERS = "simulator.";

    @Produces
    @Singleton
    MeterFilter latencyBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_TIMERS.contains(id.getName())
                        && !(id.getType() == Meter.Type.TIMER && id.getName().startsWith(OUR_TIMERS))) {
                    return config;
                }
                double[] nanos = new double[BUCKETS_SECONDS.length];
                for (int i = 0; i < nanos.length; i++) {
                    nanos[i] = BUCKETS_SECONDS[i] * 1e9;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(false)
                        .serviceLevelObjectives(nanos)
                        .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(30).toNanos())
                        .build().merge(config);
            }
        };
    }
}
