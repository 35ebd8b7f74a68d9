package dev.obslab.http.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.obslab.telemetry.Correlation;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}). {@code simulated} is
 * true only on failures the simulator injected (here or, for a 502, where the failure started); {@code errors} names
 * each field at fault; {@code service} is the service that answers, and on a 5xx {@code origin} says where the failure
 * started, so a failure can be followed to its source from the first answer.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
        String traceId, Boolean simulated, List<FieldError> errors, String service, Origin origin) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem of the current request: its ids and this service filled in; add the rest with the {@code with} methods. */
    public static Problem of(String type, String title, int status, String detail) {
        return new Problem(type, title, status, detail, null, Correlation.requestId(), Correlation.traceId(), null, null,
                Correlation.service(), null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, requestId, traceId, simulated, fieldErrors, service,
                origin);
    }

    /** {@code simulated} as the root cause was, and where the failure started. */
    public Problem withFailure(Boolean isSimulated, Origin where) {
        return new Problem(type, title, status, detail, instance, requestId, traceId, isSimulated, errors, service, where);
    }

    /** Where a failure started: the service (null when it is not known, e.g. a call that timed out) and its status. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Origin(String service, int status) {
    }

    /** One field at fault: its path (query parameter name or JSON path) and what is wrong with it. */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }
}
