package dev.obslab.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import dev.obslab.random.Weighted;
import dev.obslab.settings.LatencyModel;
import dev.obslab.settings.ProcessSettings;
import dev.obslab.settings.StepSettings;

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
        List<StepTiming> steps = plan(s.steps(), totalMs);
        int failAt = failing ? failingStep(s.steps(), fail.isPresent(), rnd) : -1;
        int status = failing ? Weighted.pick(s.failureStatuses(), rnd) : 200;
        return new ProcessPlan(totalMs, steps, failAt, status);
    }

    /**
     * The step a failing request fails in. Without call steps: any step, drawn (as always). With call steps, a forced
     * failure travels: it fails in the first call step, whose downstream is told to fail, and so on down the tree,
     * so {@code fail=true} comes back as a 502 naming the deepest service. A drawn failure stays local (a local step)
     * when there is one: each service fails at its own rate.
     */
    static int failingStep(List<StepSettings> steps, boolean forced, RandomGenerator rnd) {
        int firstCall = -1;
        int locals = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).hasCall()) {
                firstCall = firstCall < 0 ? i : firstCall;
            } else {
                locals++;
            }
        }
        if (firstCall < 0) {
            return rnd.nextInt(steps.size());
        }
        if (forced || locals == 0) {
            return firstCall;
        }
        int pick = rnd.nextInt(locals);
        for (int i = 0; i < steps.size(); i++) {
            if (!steps.get(i).hasCall() && pick-- == 0) {
                return i;
            }
        }
        return firstCall;
    }

    /** Splits {@code totalMs} over the steps by weight, in whole milliseconds that add up to the total. */
    static List<StepTiming> plan(List<StepSettings> steps, long totalMs) {
        long weights = steps.stream().mapToLong(StepSettings::weight).sum();
        List<StepTiming> plan = new ArrayList<>(steps.size());
        long assigned = 0;
        long cumulativeWeight = 0;
        for (StepSettings step : steps) {
            cumulativeWeight += step.weight();
            long upTo = Math.round((double) totalMs * cumulativeWeight / weights);
            plan.add(new StepTiming(step.name(), upTo - assigned));
            assigned = upTo;
        }
        return plan;
    }
}
