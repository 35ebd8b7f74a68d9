package dev.obslab.traffic;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Metrics of the traffic generator itself: what it sent, how it went, and what it aims for. */
@ApplicationScoped
public class TrafficMetrics {

    /** How a generated request ended. */
    public enum Outcome {
        /** 2xx */
        SUCCESS,
        /** 5xx: a simulated failure */
        FAILURE,
        /** no answer, or an answer that is neither 2xx nor 5xx */
        ERROR,
        /** not sent: the in-flight limit was reached */
        DROPPED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Outcome ofStatus(int status) {
            return status >= 200 && status < 300 ? SUCCESS : status >= 500 ? FAILURE : ERROR;
        }
    }

    private final MeterRegistry registry;
    private final Map<TrafficKind, Map<Outcome, Counter>> requests = new EnumMap<>(TrafficKind.class);

    public TrafficMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (TrafficKind kind : TrafficKind.values()) {
            Map<Outcome, Counter> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(outcome, Counter.builder("simulator.traffic.requests")
                        .description("Requests sent by the traffic generator, by kind (endpoint) and outcome")
                        .tag("endpoint", kind.label()).tag("outcome", outcome.label()).register(registry));
            }
            requests.put(kind, byOutcome);
        }
    }

    public void bind(Supplier<Number> targetRps, Supplier<Number> inFlight) {
        Gauge.builder("simulator.traffic.target.requests.per.second", targetRps, s -> s.get().doubleValue())
                .description("Rate the traffic generator aims for").strongReference(true).register(registry);
        Gauge.builder("simulator.traffic.in.flight.requests", inFlight, s -> s.get().doubleValue())
                .description("Generated requests awaiting an answer").strongReference(true).register(registry);
    }

    /** One series per scenario: 1 while it runs, else 0 (bounded: the built-in scenario names). */
    public void bindScenarios(Collection<String> names, Supplier<String> running) {
        for (String name : names) {
            Gauge.builder("simulator.scenario.active", running, r -> name.equals(r.get()) ? 1 : 0)
                    .description("1 while the named scenario runs").tag("scenario", name).strongReference(true)
                    .register(registry);
        }
    }

    public void record(TrafficKind kind, Outcome outcome) {
        requests.get(kind).get(outcome).increment();
    }
}
