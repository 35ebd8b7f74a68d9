package dev.obslab.drills;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Which alerts an expectation means: an alert name (null: any) and labels the alert must carry with these values.
 */
@RegisterForReflection
@Schema(description = "An alert by name and labels, e.g. {\"alert\": \"ObservabilityLabHighErrorRatio\", \"labels\": "
        + "{\"service\": \"payments\"}}; no name matches any alert with those labels")
public record AlertMatcher(
        @Schema(nullable = true, description = "The alert's name; null: any alert with these labels")
        @Pattern(regexp = "[a-zA-Z_:][a-zA-Z0-9_:]{0,199}", message = "must be a Prometheus alert name") String alert,
        @Size(max = 10) Map<@Pattern(regexp = "[a-zA-Z_][a-zA-Z0-9_]{0,99}", message = "must be a label name") String,
                @Size(max = 200) String> labels) {

    public AlertMatcher {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static AlertMatcher of(String alert, String... keyValues) {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            labels.put(keyValues[i], keyValues[i + 1]);
        }
        return new AlertMatcher(alert, labels);
    }

    boolean matches(String name, Map<String, String> alertLabels) {
        if (alert != null && !alert.equals(name)) {
            return false;
        }
        return labels.entrySet().stream().allMatch(e -> e.getValue().equals(alertLabels.get(e.getKey())));
    }

    @Override
    public String toString() {
        return (alert == null ? "any alert" : alert) + (labels.isEmpty() ? "" : labels.toString());
    }
}
