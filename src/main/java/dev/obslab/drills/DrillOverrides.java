package dev.obslab.drills;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The optional body of {@code POST /api/drills/{name}}: drill your own alerts with a built-in fault. */
@RegisterForReflection
@Schema(description = "Replaces the drill's expectations for this run; a field left out keeps the catalogue's")
public record DrillOverrides(
        @Size(max = 20) List<@NotNull @Valid AlertMatcher> expect,
        @Size(max = 20) List<@NotNull @Valid AlertMatcher> forbid,
        @Min(10) @Max(7200) Long deadlineSeconds) {
}
