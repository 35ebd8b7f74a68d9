package dev.obslab.settings;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * Every simulation setting in force. Immutable: the simulator swaps the whole value atomically, so a request never
 * sees half of an update.
 */
@RegisterForReflection
public record SimulatorSettings(
        @NotNull @Valid ProcessSettings process,
        @NotNull @Valid GenerateLogsSettings generateLogs) {

    public SimulatorSettings withProcess(ProcessSettings next) {
        return new SimulatorSettings(next, generateLogs);
    }

    public SimulatorSettings withGenerateLogs(GenerateLogsSettings next) {
        return new SimulatorSettings(process, next);
    }
}
