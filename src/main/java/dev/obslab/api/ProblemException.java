package dev.obslab.api;

import java.util.List;

/** A client error to answer as problem+json; thrown by the resources, mapped in {@link ProblemMappers}. */
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
