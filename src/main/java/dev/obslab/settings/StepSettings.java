package dev.obslab.settings;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * One step of {@code /process}: it becomes a child span. A local step takes {@code weight / sum(weights)} of the
 * request's latency; a step with a {@code call} sends {@code GET call/process} to another instance and takes as long
 * as that instance does (package {@code dev.obslab.topology}). The name is a metric label value, hence the strict
 * pattern.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepSettings(
        @NotNull @Pattern(regexp = "[a-z][a-z0-9-]{0,39}", message = "must be 1 to 40 characters of a-z, 0-9 and '-', starting with a letter") String name,
        @NotNull @Min(1) @Max(1000) Integer weight,
        @SettingsConstraints.CallUrl String call) {

    public StepSettings(String name, Integer weight) {
        this(name, weight, null);
    }

    public boolean hasCall() {
        return call != null;
    }
}
