package dev.obslab.calls;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Calls between instances: {@code simulator_calls_total} by step, target service and outcome (the step name and the
 * answering service's name key the series, never the URL). The calls themselves are also {@code http_client_requests_seconds}
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

    public CallMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * One call of a step to {@code target}, the service that answered (its {@code X-Service} header; for a call that
     * got no answer, the service that step reached last, else {@code unknown}). Service names are config, not input:
     * with at most 10 steps the series stay few.
     */
    public void call(String step, String target, Outcome outcome) {
        counter(step, target, outcome).increment();
    }

    // Created on the first call of each step, target and outcome, not ahead: the target is only known from an
    // answer, and a series made ahead with a guessed target would draw an edge to nowhere on the service map.
    private Counter counter(String step, String target, Outcome outcome) {
        return calls.computeIfAbsent(step + '/' + target + '/' + outcome.label(), k -> Counter.builder("simulator.calls")
                .description("Calls of call steps to other instances, by step, the service that answered, and outcome")
                .tag("step", step).tag("target", target).tag("outcome", outcome.label()).register(registry));
    }
}
