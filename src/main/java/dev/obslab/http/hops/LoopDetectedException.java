package dev.obslab.http.hops;

import dev.obslab.http.problem.Problem;
import dev.obslab.http.problem.ProblemException;
import dev.obslab.http.problem.ProblemTypes;
import dev.obslab.telemetry.Correlation;

/** A request that came through more calls than {@code simulator.process.max-hops}: refused at once with 508. */
public class LoopDetectedException extends ProblemException {

    private final int hops;
    private final int max;

    public LoopDetectedException(int hops, int max) {
        super(508, ProblemTypes.LOOP_DETECTED, "Loop detected", "This request came through " + hops
                + " calls between instances, more than " + max + ": the configured call steps form a loop; refused",
                false);
        this.hops = hops;
        this.max = max;
    }

    @Override
    public Problem toProblem() {
        return super.toProblem().withFailure(false, new Problem.Origin(Correlation.service(), 508));
    }

    public int hops() {
        return hops;
    }

    public int max() {
        return max;
    }
}
