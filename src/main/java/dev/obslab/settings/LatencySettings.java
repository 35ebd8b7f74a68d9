package dev.obslab.settings;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A latency distribution and its parameters, in milliseconds. Only the parameters of the chosen distribution are
 * required: fixed uses {@code fixedMs}; uniform {@code minMs..maxMs}; normal {@code meanMs, stddevMs}; log-normal
 * {@code medianMs, p99Ms}. Draws are clamped to 0..30000 ms. The distribution is kept as its name so that an unknown
 * one is reported together with every other bad field, not as a parse error that hides them.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@SettingsConstraints.ConsistentLatency
public record LatencySettings(
        @NotNull @Pattern(regexp = Distribution.NAMES_PATTERN, message = "must be one of " + Distribution.NAMES) String distribution,
        @DecimalMin("0") @DecimalMax("30000") Double fixedMs,
        @DecimalMin("0") @DecimalMax("30000") Double minMs,
        @DecimalMin("0") @DecimalMax("30000") Double maxMs,
        @DecimalMin("0") @DecimalMax("30000") Double meanMs,
        @DecimalMin("0") @DecimalMax("30000") Double stddevMs,
        @DecimalMin("0") @DecimalMax("30000") Double medianMs,
        @DecimalMin("0") @DecimalMax("30000") Double p99Ms) {

    public static final double MAX_MS = 30_000;

    public static LatencySettings fixed(double ms) {
        return new LatencySettings(Distribution.FIXED.label(), ms, null, null, null, null, null, null);
    }

    public static LatencySettings logNormal(double medianMs, double p99Ms) {
        return new LatencySettings(Distribution.LOG_NORMAL.label(), null, null, null, null, null, medianMs, p99Ms);
    }

    /** The distribution; only call on validated settings. */
    @JsonIgnore
    public Distribution kind() {
        return Distribution.fromLabel(distribution);
    }
}
