package dev.obslab.api;

import java.util.List;

import dev.obslab.simulation.Simulator.StepTiming;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Answer of a successful {@code /process}. {@code latencyMs} is measured; each step's {@code delayMs} is planned. */
@RegisterForReflection
public record ProcessResponse(String requestId, String status, double latencyMs, List<StepTiming> steps,
        String traceId) {
}
