package dev.obslab.logs;

import java.util.Map;

import dev.obslab.settings.Level;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Answer of {@code /generate_logs}: how many events were written, and how many of each level. */
@RegisterForReflection
public record GenerateLogsResponse(String requestId, int generated, Map<Level, Integer> byLevel, String traceId) {
}
