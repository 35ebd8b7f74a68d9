package dev.obslab.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem detail, the body of every error answer ({@code application/problem+json}). {@code simulated} is
 * true only on failures the simulator injected; {@code errors} names each field at fault.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
        String traceId, Boolean simulated, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field at fault: its path (query parameter name or JSON path) and what is wrong with it. */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }
}
