package dev.obslab.calls;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

/**
 * What a call step's answer, or its lack, means: the service it reached (for the {@code simulator_calls_total}
 * labels), every outcome counted, and the {@link CallFailedException} that names where a failure started (from the
 * downstream's problem+json) or that no answer came. {@link Downstreams} makes the call; this reads what came back.
 */
final class CallAnswers {

    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,39}");
    static final String UNKNOWN = "unknown";

    /** The service each step reached last: names the target of a call that got no answer. */
    private final Map<String, String> lastTarget = new ConcurrentHashMap<>();
    private final CallMetrics metrics;
    private final CallsConfig config;

    CallAnswers(CallMetrics metrics, CallsConfig config) {
        this.metrics = metrics;
        this.config = config;
    }

    String target(String step, String header) {
        if (header != null && SERVICE_NAME.matcher(header).matches()) {
            if (lastTarget.size() < 64) {
                lastTarget.put(step, header);
            }
            return header;
        }
        return lastTarget.getOrDefault(step, UNKNOWN);
    }

    void succeeded(String step, String service) {
        metrics.call(step, service, CallMetrics.Outcome.SUCCESS);
    }

    CallFailedException failed(String step, String baseUrl, Throwable failure) {
        if (failure instanceof java.util.concurrent.TimeoutException) {
            metrics.call(step, target(step, null), CallMetrics.Outcome.TIMEOUT);
            // The slowness is the downstream's (simulated latency, or a slow instance): where it started is unknown.
            return new CallFailedException(504, true, step, null, 504, "Step " + step + ": " + baseUrl
                    + "/process did not answer within the call timeout (" + config.callTimeoutMs() + " ms); cancelled");
        }
        metrics.call(step, target(step, null), CallMetrics.Outcome.ERROR);
        String why = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return new CallFailedException(502, false, step, null, 502,
                "Step " + step + ": the call to " + baseUrl + "/process failed: " + why);
    }

    CallFailedException answered(String step, String baseUrl, int status, String service, Buffer body) {
        if (status < 500) {
            metrics.call(step, service, CallMetrics.Outcome.ERROR);
            return new CallFailedException(502, false, step, null, status, "Step " + step + ": " + baseUrl
                    + "/process answered " + status + ", not a success or a failure of its own");
        }
        metrics.call(step, service, CallMetrics.Outcome.FAILURE);
        Map<?, ?> problem = problemOf(body);
        Map<?, ?> origin = problem.get("origin") instanceof Map<?, ?> o ? o : Map.of();
        String originService = text(origin.get("service"), text(problem.get("service"), null));
        int originStatus = origin.get("status") instanceof Number n ? n.intValue() : status;
        boolean simulated = Boolean.TRUE.equals(problem.get("simulated"));
        return new CallFailedException(502, simulated, step, originService, originStatus, "Step " + step + ": "
                + (originService == null ? baseUrl : originService) + " failed with " + originStatus
                + (simulated ? " (simulated)" : "")
                + (originService == null || origin.isEmpty() ? "" : ", where it started"));
    }

    private static Map<?, ?> problemOf(Buffer body) {
        try {
            return body == null ? Map.of() : new JsonObject(body).getMap();
        } catch (RuntimeException e) {
            return Map.of(); // not a JSON object: the status says enough
        }
    }

    private static String text(Object value, String otherwise) {
        return value instanceof String s && !s.isBlank() ? s : otherwise;
    }
}
