package dev.obslab.telemetry;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * A simulated outage as Prometheus sees it: while on, {@code /q/metrics} answers 503, so {@code up} drops to 0 and the
 * service-down alert can be exercised without stopping the container. Only the {@code outage} scenario turns it on.
 */
@ApplicationScoped
public class ScrapeOutage {

    private final AtomicBoolean on = new AtomicBoolean();

    public boolean isOn() {
        return on.get();
    }

    public void set(boolean value) {
        on.set(value);
    }
}
