package dev.obslab.telemetry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Calls between instances: {@code simulator_calls_total} by step and outcome (the step name, not the URL, keys the
 * series: names are validated and at most 10), and {@code simulator_hops_refused_total}, requests refused with 508
 * because they came through too many hops. The calls themselves are also {@code http_client_requests_seconds}
 * (Micrometer's REST client binder, templated {@code uri="/process"}).
 */
@ApplicationScoped
public class CallMetrics {

    public enum Outcome {
        SUCCESS, FAILURE, TIMEOUT, ERROR;

        String label() {
            return name().toLowerCase();
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Counter> calls = new ConcurrentHashMap<>();
    private final Counter refused;

    public CallMetrics(MeterRegistry registry) {
        this.registry = registry;
        refused = Counter.builder("simulator.hops.refused")
                .description("Requests refused with 508 because they came through too many calls (a loop)")
                .register(registry);
    }

    public void call(String step, Outcome outcome) {
        calls.computeIfAbsent(step + '/' + outcome.label(), k -> Counter.builder("simulator.calls")
                .description("Calls of call steps to other instances, by step and outcome")
                .tag("step", step).tag("outcome", outcome.label()).register(registry)).increment();
    }

    /** The series of a call step, at zero, so that rate() sees its first call. */
    public void register(String step) {
        for (Outcome o : Outcome.values()) {
            calls.computeIfAbsent(step + '/' + o.label(), k -> Counter.builder("simulator.calls")
                    .description("Calls of call steps to other instances, by step and outcome")
                    .tag("step", step).tag("outcome", o.label()).register(registry));
        }
    }

    public void refused() {
        refused.increment();
    }
}
