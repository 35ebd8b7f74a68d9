package dev.obslab.telemetry;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code simulator_work_duration_seconds{endpoint,outcome}} and {@code simulator_failures_total{endpoint,status}}: one
 * unit of simulated work and its simulated failures, for whichever endpoint does the work (its label is the caller's).
 * Each endpoint takes its {@link Work} once, at start-up: its series exist at zero before the first request, and a
 * request records without building a key or looking a meter up by name.
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

    public WorkMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The series of one endpoint ({@code process}, {@code generate_logs}). */
    public Work endpoint(String endpoint) {
        return new Work(endpoint);
    }

    /** One endpoint's timers, made once, and its failure counters by status. */
    public final class Work {

        private final String endpoint;
        private final Map<Outcome, Timer> timers = new EnumMap<>(Outcome.class);
        private final Map<Integer, Counter> failures = new ConcurrentHashMap<>();

        private Work(String endpoint) {
            this.endpoint = endpoint;
            for (Outcome o : Outcome.values()) {
                timers.put(o, Timer.builder(WORK_DURATION).description("Duration of one unit of simulated work")
                        .tag("endpoint", endpoint).tag("outcome", o.label()).register(registry));
            }
        }

        /** The failure series a status mix can produce, so they exist at zero. */
        public void registerFailureStatuses(Collection<Integer> statuses) {
            statuses.forEach(this::failureCounter);
        }

        public void record(Outcome outcome, long nanos) {
            timers.get(outcome).record(Duration.ofNanos(nanos));
        }

        public void recordFailure(int status) {
            failureCounter(status).increment();
        }

        private Counter failureCounter(int status) {
            return failures.computeIfAbsent(status,
                    s -> Counter.builder("simulator.failures").description("Simulated failures, by answered status")
                            .tag("endpoint", endpoint).tag("status", Integer.toString(s)).register(registry));
        }
    }
}
