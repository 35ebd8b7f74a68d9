package dev.obslab.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.obslab.simulation.SimulatedFailureException;
import dev.obslab.topology.CallFailedException;
import dev.obslab.topology.LoopDetectedException;
import dev.obslab.telemetry.Correlation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Turns every error into an {@code application/problem+json} answer; only simulated failures become 5xx. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response simulated(SimulatedFailureException e) {
        return respond(new Problem(ProblemTypes.SIMULATED_FAILURE, "Simulated failure", e.status(), e.getMessage(),
                null, Correlation.requestId(), Correlation.traceId(), true, null, Correlation.service(),
                new Problem.Origin(Correlation.service(), e.status())));
    }

    /** A call step failed: 502 (downstream 5xx, unreachable, bad answer) or 504 (call timeout), naming the origin. */
    @ServerExceptionMapper
    public Response callFailed(CallFailedException e) {
        String title = e.status() == 504 ? "Downstream timeout" : "Downstream failure";
        return respond(new Problem(ProblemTypes.DOWNSTREAM_FAILURE, title, e.status(), e.getMessage(), null,
                Correlation.requestId(), Correlation.traceId(), e.simulated(), null, Correlation.service(),
                new Problem.Origin(e.originService(), e.originStatus())));
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(problem(e.type(), e.title(), e.status(), e.getMessage(), e.errors()));
    }

    @ServerExceptionMapper
    public Response invalidSettings(ConstraintViolationException e) {
        return respond(problem(ProblemTypes.INVALID_SETTINGS, "Invalid settings", 400,
                "The settings were not applied; nothing changed", fieldErrors(e.getConstraintViolations())));
    }

    /** Quarkus has its own mapper for this subtype (wrong type, unknown field or enum value); ours wins. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return malformedJson(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        JsonParseException syntax = syntaxError(e);
        if (syntax != null) { // not JSON at all, wherever in the body it broke (Jackson may wrap it with a field path)
            String detail = "The body is not valid JSON";
            if (syntax.getLocation() != null) {
                detail += " at line " + syntax.getLocation().getLineNr() + ", column " + syntax.getLocation().getColumnNr();
            }
            return respond(problem(ProblemTypes.MALFORMED_BODY, "Malformed request body", 400,
                    detail + ": " + reason(syntax) + "; nothing changed", null));
        }
        List<Problem.FieldError> errors = null;
        String detail = "The body is not valid JSON";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            errors = List.of(new Problem.FieldError(jsonPath(m.getPath()), whatIsWrong(m)));
            detail = "The body does not have the expected shape; nothing changed";
        } else if (e.getLocation() != null) {
            detail += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return respond(problem(ProblemTypes.MALFORMED_BODY, "Malformed request body", 400, detail, errors));
    }

    /** The JSON syntax error behind {@code e}, if that is what it is (a number too large is not one: see below). */
    private static JsonParseException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException p) {
                return p;
            }
        }
        return null;
    }

    /** Jackson's own words for a syntax error, without its source excerpt and location (given separately). */
    private static String reason(JsonParseException e) {
        String message = e.getOriginalMessage() == null ? "unexpected input" : e.getOriginalMessage();
        for (String cut : new String[] { "\n", " (start marker", " at [Source" }) {
            int at = message.indexOf(cut);
            message = at > 0 ? message.substring(0, at) : message;
        }
        return message;
    }

    /** A short reason without Jackson's internals (class names, source excerpts). */
    private static String whatIsWrong(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return "must be one of " + Arrays.toString(f.getTargetType().getEnumConstants()) + ", got '" + f.getValue() + "'";
        }
        String range = AllowedRange.of(e.getPath().get(e.getPath().size() - 1));
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "must be " + describe(m.getTargetType()) + range;
        }
        if (e.getCause() instanceof InputCoercionException c && c.getTargetType() != null) {
            return "must be " + describe(c.getTargetType()) + range; // e.g. 1000000000000 for an int: out of range
        }
        return range.isEmpty() ? "has the wrong type for this field" : "must be a value" + range;
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return respond(notFoundProblem());
    }

    /** The 404 for a path nothing answers: from here and from {@link UnknownPathHandler} alike. */
    static Problem notFoundProblem() {
        return problem(ProblemTypes.NOT_FOUND, "Not found", 404, "No resource at this path", null);
    }

    /** RFC 9110 requires an Allow header on every 405; Quarkus REST's exception carries none. */
    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, UriInfo uri) {
        String allow = AllowedMethods.allow(uri.getPath());
        Problem problem = problem(ProblemTypes.METHOD_NOT_ALLOWED, "Method not allowed", 405,
                "This path answers " + allow + " (see /q/openapi)", null);
        return Response.status(405).type(Problem.MEDIA_TYPE).header(HttpHeaders.ALLOW, allow).entity(problem).build();
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json); // Quarkus wraps syntax errors of the body in a 400
        }
        if (status >= 500) {
            return unexpected(e);
        }
        return respond(problem(ProblemTypes.HTTP_ERROR, e.getResponse().getStatusInfo().getReasonPhrase(), status,
                e.getMessage(), null));
    }

    /** 415 says what to send, not Quarkus REST's "did not match the value in @Consumes". */
    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, HttpHeaders headers) {
        String sent = headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        return respond(problem(ProblemTypes.HTTP_ERROR, "Unsupported Media Type", 415,
                "Send the body as JSON with the header Content-Type: application/json ("
                        + (sent == null || sent.isBlank() ? "no Content-Type was sent" : "got " + shorten(sent)) + ")",
                null));
    }

    /** 406 says which types this path answers. */
    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, HttpHeaders headers) {
        String asked = headers.getHeaderString(HttpHeaders.ACCEPT);
        return respond(problem(ProblemTypes.HTTP_ERROR, "Not Acceptable", 406,
                "This path answers application/json (errors as application/problem+json); send Accept: "
                        + "application/json or */* (got " + shorten(asked) + ")", null));
    }

    private static String shorten(String header) {
        if (header == null) {
            return "none";
        }
        return header.length() <= 100 ? header : header.substring(0, 100) + "...";
    }

    /** A bug, not a simulation: logged with its stack trace and answered without internals. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected error", e);
        return respond(problem(ProblemTypes.INTERNAL_ERROR, "Internal error", 500,
                "Unexpected error; this is not a simulated failure", null));
    }

    static Problem problem(String type, String title, int status, String detail, List<Problem.FieldError> errors) {
        return new Problem(type, title, status, detail, null, Correlation.requestId(), Correlation.traceId(), null,
                errors, Correlation.service(), null);
    }

    /** Refused at once: the request came through more calls than {@code simulator.process.max-hops} (a loop). */
    @ServerExceptionMapper
    public Response loopDetected(LoopDetectedException e) {
        return respond(new Problem(ProblemTypes.LOOP_DETECTED, "Loop detected", 508, e.getMessage(), null,
                Correlation.requestId(), Correlation.traceId(), false, null, Correlation.service(),
                new Problem.Origin(Correlation.service(), 508)));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** Field paths relative to the body (e.g. {@code process.latency.p99Ms}), one entry per field and message. */
    static List<Problem.FieldError> fieldErrors(Set<ConstraintViolation<?>> violations) {
        Set<Problem.FieldError> errors = new LinkedHashSet<>();
        for (ConstraintViolation<?> v : violations) {
            errors.add(new Problem.FieldError(path(v.getPropertyPath()), v.getMessage()));
        }
        List<Problem.FieldError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
        return sorted;
    }

    private static String path(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, PARAMETER, RETURN_VALUE, CROSS_PARAMETER -> {
                    continue; // resource-method plumbing, not part of the body
                }
                default -> {
                }
            }
            if (node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                out.append('[').append(node.getKey()).append(']');
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(name);
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    private static String jsonPath(List<JsonMappingException.Reference> refs) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
