package dev.obslab.settings;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** How {@code /process} behaves: failure rate and status mix, latency, and the steps the latency is split into. */
@RegisterForReflection
public record ProcessSettings(
        @NotNull @DecimalMin("0") @DecimalMax("1") Double failureRate,
        @NotNull @SettingsConstraints.Weights Map<@NotNull @Min(500) @Max(599) Integer, @NotNull @Min(0) @Max(1000) Integer> failureStatuses,
        @NotNull @Valid LatencySettings latency,
        @NotNull @Size(min = 1, max = 10) @SettingsConstraints.UniqueStepNames List<@NotNull @Valid StepSettings> steps) {

    public ProcessSettings withFailureRate(double rate) {
        return new ProcessSettings(rate, failureStatuses, latency, steps);
    }

    public ProcessSettings withLatency(LatencySettings next) {
        return new ProcessSettings(failureRate, failureStatuses, next, steps);
    }
}
