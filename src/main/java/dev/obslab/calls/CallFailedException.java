package dev.obslab.calls;

import dev.obslab.http.problem.Problem;
import dev.obslab.http.problem.ProblemException;
import dev.obslab.http.problem.ProblemTypes;

/**
 * A call step that failed: the downstream answered 5xx (502 here, {@code simulated} as its root cause was), took
 * longer than the call timeout (504), or could not be reached or gave a bad answer (502, not simulated).
 * {@code originService} and {@code originStatus} name where the failure started, so a user can follow it from the
 * first answer to its source.
 */
public class CallFailedException extends ProblemException {

    private final boolean simulated;
    private final String step;
    private final String originService;
    private final int originStatus;

    public CallFailedException(int status, boolean simulated, String step, String originService, int originStatus,
            String message) {
        super(status, ProblemTypes.DOWNSTREAM_FAILURE, status == 504 ? "Downstream timeout" : "Downstream failure",
                message, false);
        this.simulated = simulated;
        this.step = step;
        this.originService = originService;
        this.originStatus = originStatus;
    }

    @Override
    public Problem toProblem() {
        return super.toProblem().withFailure(simulated, new Problem.Origin(originService, originStatus));
    }

    @Override
    public boolean simulated() {
        return simulated;
    }

    public String step() {
        return step;
    }

    public String originService() {
        return originService;
    }

    public int originStatus() {
        return originStatus;
    }
}
