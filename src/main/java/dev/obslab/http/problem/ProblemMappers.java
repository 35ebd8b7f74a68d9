package dev.obslab.http.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Turns every error into an {@code application/problem+json} answer: {@link ProblemException} and its kinds as they
 * say, the framework's own errors in words a person can act on. Only simulated failures (and their travel) become 5xx.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** Every failure the API answers on purpose, the simulated ones and the features' own included. */
    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.toProblem());
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
        return respond(JsonProblems.of(e));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return respond(notFoundProblem());
    }

    /** The 404 for a path nothing answers: from here and from dev.obslab.http.UnknownPathHandler alike. */
    public static Problem notFoundProblem() {
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

    public static Problem problem(String type, String title, int status, String detail, List<Problem.FieldError> errors) {
        return Problem.of(type, title, status, detail).withErrors(errors);
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
}
