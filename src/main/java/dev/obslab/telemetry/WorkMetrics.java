package dev.obslab.telemetry;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code simulator_work_duration_seconds{endpoint,outcome}} and {@code simulator_failures_total{endpoint,status}}: one
 * unit of simulated work and its simulated failures, for whichever endpoint does the work (its label is the caller's).
 * Each endpoint registers its series up front, so they exist at zero before the first request and {@code rate()} sees
 * the first increment.
 */
@ApplicationScoped
public class WorkMetrics {

    public static final String WORK_DURATION = "simulator.work.duration";

    public enum Outcome {
        SUCCESS, FAILURE;

        String label() {
            return name().toLowerCase();
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Timer> work = new ConcurrentHashMap<>();
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();

    public WorkMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The endpoint's work series, at zero, and its failure series for the statuses its mix can produce. */
    public void register(String endpoint, Collection<Integer> failureStatuses) {
        for (Outcome o : Outcome.values()) {
            timer(endpoint, o);
        }
        failureStatuses.forEach(status -> failureCounter(endpoint, status));
    }

    public void recordWork(String endpoint, Outcome outcome, long nanos) {
        timer(endpoint, outcome).record(Duration.ofNanos(nanos));
    }

    public void recordFailure(String endpoint, int status) {
        failureCounter(endpoint, status).increment();
    }

    private Timer timer(String endpoint, Outcome outcome) {
        return work.computeIfAbsent(endpoint + '/' + outcome.label(), k -> Timer.builder(WORK_DURATION)
                .description("Duration of one unit of simulated work").tag("endpoint", endpoint)
                .tag("outcome", outcome.label()).register(registry));
    }

    private Counter failureCounter(String endpoint, int status) {
        return failures.computeIfAbsent(endpoint + '/' + status,
                k -> Counter.builder("simulator.failures").description("Simulated failures, by answered status")
                        .tag("endpoint", endpoint).tag("status", Integer.toString(status)).register(registry));
    }
}
