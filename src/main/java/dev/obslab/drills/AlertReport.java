package dev.obslab.drills;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What one alert did during a drill. Times are measured: {@code pendingAt} is Prometheus' own {@code activeAt},
 * {@code firingAt} and {@code resolvedAt} the first read of Prometheus' alerts that showed the change, and
 * {@code notifiedAt} when Alertmanager's webhook reached the lab; seconds are counted from the fault's start.
 */
@RegisterForReflection
public record AlertReport(String name, Map<String, String> labels, boolean expected,
        @Schema(description = "For an unexpected alert: whether the drill forbids it (a forbidden alert that fires fails the drill)") boolean forbidden,
        Instant pendingAt, Instant firingAt, Instant notifiedAt, Instant resolvedAt, Instant resolvedNotifiedAt,
        @Schema(description = "Seconds from the fault's start to firing") Double detectionSeconds,
        @Schema(description = "Seconds from the fault's start to the notification") Double notificationSeconds) {
}
