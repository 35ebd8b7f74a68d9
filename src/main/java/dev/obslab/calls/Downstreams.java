package dev.obslab.calls;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.obslab.http.hops.Hops;
import dev.obslab.process.RemoteCalls;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/**
 * Makes call steps: {@code GET <call>/process} on another instance, with the forced parameters the caller got and
 * one more hop, and turns the answer into success or a {@link CallFailedException}, through the one declared
 * {@link DownstreamClient} (the step's URL comes from validated settings).
 */
@ApplicationScoped
public class Downstreams implements RemoteCalls {

    private static final java.util.regex.Pattern SERVICE_NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");
    static final String UNKNOWN = "unknown";

    private final DownstreamClient client;
    /** The service each step reached last: names the target of a call that got no answer. */
    private final Map<String, String> lastTarget = new ConcurrentHashMap<>();
    private final CallMetrics metrics;
    private final Duration timeout;

    public Downstreams(@RestClient DownstreamClient client, CallMetrics metrics, CallsConfig config) {
        this.client = client;
        this.metrics = metrics;
        this.timeout = Duration.ofMillis(config.callTimeoutMs());
    }

    private String target(String step, Response response) {
        String name = response == null ? null : response.getHeaderString(dev.obslab.telemetry.Correlation.SERVICE_HEADER);
        if (name != null && SERVICE_NAME.matcher(name).matches()) {
            if (lastTarget.size() < 64) {
                lastTarget.put(step, name);
            }
            return name;
        }
        return lastTarget.getOrDefault(step, UNKNOWN);
    }

    /**
     * One call, with one hop more than this request came through ({@link Hops#next()}). Completes when the downstream
     * answered 2xx, or fails with {@link CallFailedException}: 504 past {@code simulator.process.call-timeout-ms}.
     */
    @Override
    public Uni<Void> call(String step, String baseUrl, Integer delayMs, Boolean fail) {
        return client.process(baseUrl, delayMs, fail, Hops.next())
                .ifNoItem().after(timeout).failWith(TimeoutException::new)
                .onFailure().transform(failure -> failed(step, baseUrl, failure))
                .onItem().transform(response -> {
                    try (response) {
                        int status = response.getStatus();
                        if (status >= 200 && status < 300) {
                            metrics.call(step, target(step, response), CallMetrics.Outcome.SUCCESS);
                            return null;
                        }
                        throw answered(step, baseUrl, status, response);
                    }
                });
    }

    private CallFailedException failed(String step, String baseUrl, Throwable failure) {
        if (failure instanceof TimeoutException) {
            metrics.call(step, target(step, null), CallMetrics.Outcome.TIMEOUT);
            // The slowness is the downstream's (simulated latency, or a slow instance): where it started is unknown.
            return new CallFailedException(504, true, step, null, 504, "Step " + step + ": " + baseUrl
                    + "/process did not answer within the call timeout (" + timeout.toMillis() + " ms); cancelled");
        }
        metrics.call(step, target(step, null), CallMetrics.Outcome.ERROR);
        String why = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new CallFailedException(502, false, step, null, 502,
                "Step " + step + ": the call to " + baseUrl + "/process failed: " + why);
    }

    private CallFailedException answered(String step, String baseUrl, int status, Response response) {
        if (status < 500) {
            metrics.call(step, target(step, response), CallMetrics.Outcome.ERROR);
            return new CallFailedException(502, false, step, null, status, "Step " + step + ": " + baseUrl
                    + "/process answered " + status + ", not a success or a failure of its own");
        }
        metrics.call(step, target(step, response), CallMetrics.Outcome.FAILURE);
        Map<?, ?> problem = problemOf(response);
        Map<?, ?> origin = problem.get("origin") instanceof Map<?, ?> o ? o : Map.of();
        String service = text(origin.get("service"), text(problem.get("service"), null));
        int originStatus = origin.get("status") instanceof Number n ? n.intValue() : status;
        boolean simulated = Boolean.TRUE.equals(problem.get("simulated"));
        return new CallFailedException(502, simulated, step, service, originStatus, "Step " + step + ": "
                + (service == null ? baseUrl : service) + " failed with " + originStatus
                + (simulated ? " (simulated)" : "") + (service == null || origin.isEmpty() ? "" : ", where it started"));
    }

    private static Map<?, ?> problemOf(Response response) {
        try {
            Object body = response.readEntity(Map.class);
            return body instanceof Map<?, ?> m ? m : Map.of();
        } catch (RuntimeException e) {
            return Map.of(); // not JSON: the status says enough
        }
    }

    private static String text(Object value, String otherwise) {
        return value instanceof String s && !s.isBlank() ? s : otherwise;
    }
}
