package dev.obslab.process;

import java.util.List;

/** What a successful {@code /process} did: how long it took, and its steps. */
public record ProcessOutcome(double latencyMs, List<StepTiming> steps) {
}
