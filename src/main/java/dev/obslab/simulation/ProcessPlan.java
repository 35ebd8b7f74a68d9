package dev.obslab.simulation;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import dev.obslab.simulation.Simulator.StepTiming;

/**
 * What one {@code /process} request will do, drawn before any of it runs: its total latency split over the steps, and
 * whether it fails, in which step and with which status. Pure (settings and a random generator in, plan out), so the
 * draw's statistics are tested with a fixed seed, not through thousands of HTTP requests.
 *
 * @param failAt the index of the step that fails, or -1
 * @param status 200, or the simulated failure's status
 */
public record ProcessPlan(long totalMs, List<StepTiming> steps, int failAt, int status) {

    public boolean failing() {
        return failAt >= 0;
    }

    /**
     * @param delayMs forced total latency, else drawn from the settings' distribution
     * @param fail forced outcome, else drawn from the failure rate
     */
    public static ProcessPlan draw(ProcessSettings s, Optional<Integer> delayMs, Optional<Boolean> fail,
            RandomGenerator rnd) {
        long totalMs = delayMs.map(Integer::longValue)
                .orElseGet(() -> Math.round(LatencyModel.sample(s.latency(), rnd)));
        boolean failing = fail.orElseGet(() -> rnd.nextDouble() < s.failureRate());
        List<StepTiming> steps = Simulator.plan(s.steps(), totalMs);
        int failAt = failing ? Simulator.failingStep(s.steps(), fail.isPresent(), rnd) : -1;
        int status = failing ? Weighted.pick(s.failureStatuses(), rnd) : 200;
        return new ProcessPlan(totalMs, steps, failAt, status);
    }
}
