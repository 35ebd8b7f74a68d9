package dev.obslab.telemetry;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Quarkus' Netty binder registers {@code netty.eventexecutor.workers} once per event-loop group with the same tags, so
 * Micrometer warned "This Gauge has been already registered" on every start, and the one gauge it kept could not say
 * which group it counted. A warning on every start teaches people to ignore warnings: the gauge is left out (no
 * dashboard or rule reads it; the event-loop and worker-pool metrics stay).
 */
public class NettyExecutorGauge {

    static final String NAME = "netty.eventexecutor.workers";

    @Produces
    @Singleton
    MeterFilter withoutAmbiguousNettyGauge() {
        return MeterFilter.denyNameStartsWith(NAME);
    }
}
