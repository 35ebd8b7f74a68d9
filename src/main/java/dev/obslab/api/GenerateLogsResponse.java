package dev.obslab.api;

import java.util.Map;

import dev.obslab.simulation.Level;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Answer of {@code /generate_logs}: how many events were written, and how many of each level. */
@RegisterForReflection
public record GenerateLogsResponse(String requestId, int generated, Map<Level, Integer> byLevel, String traceId) {
}
