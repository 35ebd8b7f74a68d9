package dev.obslab.calls;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Calls between instances: {@code simulator_calls_total} by step, target service and outcome (the step name and the
 * answering service's name key the series, never the URL), and each call as {@code http_client_requests_seconds} with
 * the labels Quarkus gives its REST clients' requests ({@code clientName="downstream"}, {@code uri="/process"}: the
 * query never), so that one family holds every client's requests.
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
    private final Map<Integer, Timer> requests = new ConcurrentHashMap<>();

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

    /**
     * One HTTP request of a call step: its status, or 0 when no answer came (timeout, refused connection), which is
     * {@code status="IO_ERROR", outcome="UNKNOWN"}.
     */
    public void request(int status, long nanos) {
        requests.computeIfAbsent(status, s -> Timer.builder("http.client.requests")
                .description("Outgoing HTTP requests")
                .tag("clientName", Downstreams.CLIENT_NAME).tag("method", "GET").tag("uri", "/process")
                .tag("status", s == 0 ? "IO_ERROR" : Integer.toString(s))
                .tag("outcome", s == 0 ? "UNKNOWN" : io.micrometer.core.instrument.binder.http.Outcome.forStatus(s).name())
                .register(registry)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    // Created on the first call of each step, target and outcome, not ahead: the target is only known from an
    // answer, and a series made ahead with a guessed target would draw an edge to nowhere on the service map.
    private Counter counter(String step, String target, Outcome outcome) {
        return calls.computeIfAbsent(step + '/' + target + '/' + outcome.label(), k -> Counter.builder("simulator.calls")
                .description("Calls of call steps to other instances, by step, the service that answered, and outcome")
                .tag("step", step).tag("target", target).tag("outcome", outcome.label()).register(registry));
    }
}
