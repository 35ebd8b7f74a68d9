package dev.obslab.drills;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One drill run as the API shows it. */
@RegisterForReflection
public record DrillReport(String id, String drill, String scenario, String service,
        @Schema(enumeration = { "running", "passed", "failed", "aborted" }) String status,
        @Schema(description = "Why the run passed, failed or was aborted; null while it runs") String reason,
        @Schema(description = "resolving: the fault has ended and the run waits for the alerts to resolve") String phase,
        Instant startedAt, Instant faultStartedAt, Instant faultEndedAt, Instant endedAt, Instant deadlineAt,
        @Schema(description = "The fault window of GET /api/scenarios/timeline this run opened") Long windowId,
        List<AlertMatcher> expect, List<AlertMatcher> forbid, List<AlertReport> alerts, List<AlertReport> unexpected) {
}
