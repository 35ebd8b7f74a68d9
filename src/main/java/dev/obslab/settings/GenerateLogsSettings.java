package dev.obslab.settings;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/** How {@code /generate_logs} behaves: failure rate and status mix, latency, level mix and the subsystems that log. */
@RegisterForReflection
public record GenerateLogsSettings(
        @NotNull @DecimalMin("0") @DecimalMax("1") Double failureRate,
        @NotNull @SettingsConstraints.Weights Map<@NotNull @Min(500) @Max(599) Integer, @NotNull @Min(0) @Max(1000) Integer> failureStatuses,
        @NotNull @Valid LatencySettings latency,
        @NotNull @SettingsConstraints.Weights Map<@NotNull Level, @NotNull @Min(0) @Max(1000) Integer> levels,
        @NotNull @NotEmpty List<@NotNull Subsystem> subsystems) {

    public GenerateLogsSettings withLevels(Map<Level, Integer> next) {
        return new GenerateLogsSettings(failureRate, failureStatuses, latency, next, subsystems);
    }
}
