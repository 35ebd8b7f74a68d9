package dev.obslab.drills;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Alertmanager's webhook payload, version 4 (its webhook_config). Fields this lab does not read, and fields a later
 * Alertmanager adds, are ignored: the API is strict with its own bodies, not with another program's.
 */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerWebhook(
        @NotNull @Pattern(regexp = "4", message = "must be \"4\", the webhook payload version this lab reads") String version,
        @Schema(nullable = true) @Pattern(regexp = "firing|resolved", message = "must be firing or resolved") String status,
        @Schema(nullable = true) String receiver, @Schema(nullable = true) String groupKey,
        @Schema(nullable = true) Map<String, String> groupLabels, @Schema(nullable = true) Map<String, String> commonLabels,
        @NotNull @Size(max = 1000) List<@NotNull @Valid Alert> alerts) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Alert(
            @NotNull @Pattern(regexp = "firing|resolved", message = "must be firing or resolved") String status,
            @NotEmpty(message = "must hold the alert's labels, alertname among them") Map<String, String> labels,
            @Schema(nullable = true) Map<String, String> annotations, @Schema(nullable = true) Instant startsAt,
            @Schema(nullable = true) Instant endsAt, @Schema(nullable = true) String generatorURL,
            @Schema(nullable = true) String fingerprint) {
    }
}
