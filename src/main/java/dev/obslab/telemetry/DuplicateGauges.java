package dev.obslab.telemetry;

import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Gauges that Quarkus' binders register once per event-loop group or per HTTP server instance (one per event loop)
 * under one name and the same tags, so Micrometer warned "This Gauge has been already registered" on every start,
 * and the one it kept could not say which instance it described. A warning on every start teaches people to ignore
 * warnings, so they are left out (no dashboard or rule reads them): {@code netty.eventexecutor.workers} is the thread
 * count of one of the groups, {@code vertx.http.connections.max} the constant
 * {@code quarkus.http.limits.max-connections}, and open connections are {@code http_server_connections_seconds_active_count}
 * already. Likewise the HTTP client's gauges ({@code http.client.active.connections}, {@code http.client.queue.size}):
 * the Vert.x binder registers them once per target a declared REST client reaches (another service a scenario
 * changes), tagged by client name only. The client's timers and counters stay. The other Netty and
 * Vert.x metrics ({@code vertx_http_connections_rejected_total} among them) stay.
 */
public class DuplicateGauges {

    static final Set<String> NAMES = Set.of("netty.eventexecutor.workers", "vertx.http.connections.max",
            "vertx.http.connections.current");

    @Produces
    @Singleton
    MeterFilter withoutDuplicateGauges() {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                boolean perTarget = id.getType() == Meter.Type.GAUGE && id.getName().startsWith("http.client.");
                return perTarget || NAMES.contains(id.getName()) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }
        };
    }
}
