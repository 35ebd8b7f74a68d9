package dev.obslab.telemetry;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Every metric carries the service this instance plays ({@code quarkus.otel.service.name}, the traces'
 * {@code service.name}), so dashboards and rules can select one service of several that share a Prometheus job.
 */
public class ServiceTag {

    @Produces
    @Singleton
    MeterFilter serviceTag() {
        return MeterFilter.commonTags(Tags.of("service", Correlation.service()));
    }
}
