package dev.obslab.settings;

import java.util.random.RandomGenerator;

/**
 * Draws latencies from a {@link LatencySettings} and states its median and 99th percentile, the figures the settings
 * gauges publish so dashboards can put injected latency beside observed latency.
 */
public final class LatencyModel {

    /** z-score of the 99th percentile of the standard normal distribution. */
    static final double Z_99 = 2.3263478740408408;

    private LatencyModel() {
    }

    /** One draw in milliseconds, clamped to 0..30000. */
    public static double sample(LatencySettings l, RandomGenerator random) {
        double ms = switch (l.kind()) {
            case FIXED -> l.fixedMs();
            case UNIFORM -> l.minMs() + random.nextDouble() * (l.maxMs() - l.minMs());
            case NORMAL -> l.meanMs() + l.stddevMs() * random.nextGaussian();
            case LOG_NORMAL -> Math.exp(Math.log(l.medianMs()) + logSigma(l) * random.nextGaussian());
        };
        return clamp(ms);
    }

    public static double median(LatencySettings l) {
        return clamp(switch (l.kind()) {
            case FIXED -> l.fixedMs();
            case UNIFORM -> (l.minMs() + l.maxMs()) / 2;
            case NORMAL -> l.meanMs();
            case LOG_NORMAL -> l.medianMs();
        });
    }

    public static double p99(LatencySettings l) {
        return clamp(switch (l.kind()) {
            case FIXED -> l.fixedMs();
            case UNIFORM -> l.minMs() + 0.99 * (l.maxMs() - l.minMs());
            case NORMAL -> l.meanMs() + Z_99 * l.stddevMs();
            case LOG_NORMAL -> l.p99Ms();
        });
    }

    /** sigma of the underlying normal, chosen so that exp(mu + Z_99 * sigma) is the requested p99. */
    private static double logSigma(LatencySettings l) {
        return (Math.log(l.p99Ms()) - Math.log(l.medianMs())) / Z_99;
    }

    private static double clamp(double ms) {
        return Math.max(0, Math.min(LatencySettings.MAX_MS, ms));
    }
}
