package dev.obslab.http.problem;

import java.util.List;

/**
 * Every error the API answers on purpose, as problem+json: thrown anywhere, answered by {@link ProblemMappers} in one
 * place. Features extend it for their own failures (a simulated failure, a failed call step, a loop) and say what the
 * answer carries beyond type, title, status and detail by overriding {@link #toProblem()}.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors;
    }

    /** For failures whose stack trace says nothing (a downstream's answer, a refused loop): none is filled in. */
    protected ProblemException(int status, String type, String title, String detail, boolean withStackTrace) {
        super(detail, null, false, withStackTrace);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = null;
    }

    public static ProblemException invalidParameters(List<Problem.FieldError> errors) {
        return new ProblemException(400, ProblemTypes.INVALID_PARAMETERS, "Invalid request parameters",
                "One or more query parameters are invalid", errors);
    }

    /** A PUT without a body: the API replaces settings as a whole, so there is nothing to apply. */
    public static ProblemException missingBody(String path) {
        return new ProblemException(400, ProblemTypes.MALFORMED_BODY, "Missing request body",
                "PUT " + path + " needs the complete settings as JSON (GET " + path + " shows the shape)",
                List.of(new Problem.FieldError("body", "must not be empty")));
    }

    /** Something named in the path does not exist (an unknown scenario, drill or run): 404, saying where to look. */
    public static ProblemException notFound(String title, String detail, List<Problem.FieldError> errors) {
        return new ProblemException(404, ProblemTypes.NOT_FOUND, title, detail, errors);
    }

    /** A body that breaks its constraints: each field named, as the settings' 400 names them. */
    public static ProblemException invalidBody(String title, String detail,
            java.util.Set<? extends jakarta.validation.ConstraintViolation<?>> violations) {
        return new ProblemException(400, ProblemTypes.INVALID_PARAMETERS, title, detail,
                ProblemMappers.fieldErrors(new java.util.LinkedHashSet<>(violations)));
    }

    /** A 502 that is not simulated and whose origin is unknown: a call that failed in an unexpected way. */
    public static ProblemException badGateway(String detail) {
        return new ProblemException(502, ProblemTypes.DOWNSTREAM_FAILURE, "Downstream failure", detail, false) {
            @Override
            public Problem toProblem() {
                return super.toProblem().withFailure(false, new Problem.Origin(null, 502));
            }
        };
    }

    /** The answer, for the request being served. */
    public Problem toProblem() {
        return Problem.of(type, title, status, getMessage()).withErrors(errors);
    }

    /** True for a failure the simulator injected (here, or where a failure that travelled back started). */
    public boolean simulated() {
        return false;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
