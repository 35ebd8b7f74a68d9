package dev.obslab.traffic;

import java.util.Map;

import dev.obslab.settings.SettingsConstraints;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** What the traffic generator sends: a rate, a mix of request kinds and their parameters. Replaced as a whole. */
@RegisterForReflection
public record TrafficSettings(
        @NotNull @Min(0) @Max(1000) Integer rps,
        @NotNull @SettingsConstraints.Weights Map<@NotNull TrafficKind, @NotNull @Min(0) @Max(1000) Integer> mix,
        @NotNull @Min(1) @Max(10000) Integer maxInFlight,
        @NotNull @Min(1) @Max(10000) Integer logCount,
        @NotNull @Min(0) @Max(30000) Integer slowDelayMs) {

    public TrafficSettings withRps(int next) {
        return new TrafficSettings(next, mix, maxInFlight, logCount, slowDelayMs);
    }

    public TrafficSettings withMix(Map<TrafficKind, Integer> next) {
        return new TrafficSettings(rps, next, maxInFlight, logCount, slowDelayMs);
    }

    public TrafficSettings withLogCount(int next) {
        return new TrafficSettings(rps, mix, maxInFlight, next, slowDelayMs);
    }
}
