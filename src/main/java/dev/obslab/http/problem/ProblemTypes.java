package dev.obslab.http.problem;

/** The {@code type} URIs of our problem answers; README lists what each means. */
public final class ProblemTypes {

    private static final String PREFIX = "urn:observability-lab:problem:";
    public static final String SIMULATED_FAILURE = PREFIX + "simulated-failure";
    public static final String DOWNSTREAM_FAILURE = PREFIX + "downstream-failure";
    public static final String LOOP_DETECTED = PREFIX + "loop-detected";
    public static final String INVALID_PARAMETERS = PREFIX + "invalid-parameters";
    public static final String INVALID_SETTINGS = PREFIX + "invalid-settings";
    public static final String MALFORMED_BODY = PREFIX + "malformed-body";
    public static final String NOT_FOUND = PREFIX + "not-found";
    public static final String METHOD_NOT_ALLOWED = PREFIX + "method-not-allowed";
    public static final String SCENARIO_CONFLICT = PREFIX + "scenario-conflict";
    public static final String DRILL_CONFLICT = PREFIX + "drill-conflict";
    public static final String BACKEND_UNAVAILABLE = PREFIX + "backend-unavailable";
    public static final String UNAUTHORIZED = PREFIX + "unauthorized";
    public static final String HTTP_ERROR = PREFIX + "http-error";
    public static final String INTERNAL_ERROR = PREFIX + "internal-error";

    private ProblemTypes() {
    }
}
