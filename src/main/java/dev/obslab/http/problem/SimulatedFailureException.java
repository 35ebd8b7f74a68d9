package dev.obslab.http.problem;

import dev.obslab.telemetry.Correlation;
import io.opentelemetry.api.common.AttributeKey;

/** A failure the simulator injected on purpose, here: with the failures that travel back from a call, the only 5xx. */
public class SimulatedFailureException extends ProblemException {

    /** On the server span of a request that failed: true for a simulated failure, false for a real one. */
    public static final AttributeKey<Boolean> SPAN_ATTRIBUTE = AttributeKey.booleanKey("simulator.failure.simulated");

    public SimulatedFailureException(int status, String message) {
        super(status, ProblemTypes.SIMULATED_FAILURE, "Simulated failure", message, true);
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public Problem toProblem() {
        return super.toProblem().withFailure(true, new Problem.Origin(Correlation.service(), status()));
    }
}
