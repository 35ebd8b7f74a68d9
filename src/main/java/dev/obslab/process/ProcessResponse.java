package dev.obslab.process;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Answer of a successful {@code /process}. {@code latencyMs} is measured; each step's {@code delayMs} is planned. */
@RegisterForReflection
public record ProcessResponse(String requestId, String status, double latencyMs, List<StepTiming> steps,
        String traceId) {
}
