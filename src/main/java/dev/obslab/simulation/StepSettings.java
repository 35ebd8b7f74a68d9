package dev.obslab.simulation;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * One step of {@code /process}: it becomes a child span and takes {@code weight / sum(weights)} of the request's
 * latency. The name is a metric label value, hence the strict pattern.
 */
@RegisterForReflection
public record StepSettings(
        @NotNull @Pattern(regexp = "[a-z][a-z0-9-]{0,39}", message = "must be 1 to 40 characters of a-z, 0-9 and '-', starting with a letter") String name,
        @NotNull @Min(1) @Max(1000) Integer weight) {
}
