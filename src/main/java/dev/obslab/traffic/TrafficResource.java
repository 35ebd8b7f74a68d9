package dev.obslab.traffic;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.obslab.http.admin.AdminOnly;
import dev.obslab.http.admin.AdminTokenFilter;
import dev.obslab.http.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/api/traffic")
@Tag(name = "Traffic")
@Produces(MediaType.APPLICATION_JSON)
public class TrafficResource {

    private final TrafficGenerator traffic;

    public TrafficResource(TrafficGenerator traffic) {
        this.traffic = traffic;
    }

    @GET
    @Operation(summary = "The built-in traffic generator's settings")
    public TrafficSettings get() {
        return traffic.settings();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the traffic generator's settings", description = "rps 0 (off) to 1000; mix weights by "
            + "kind: process, process_fail, process_slow, generate_logs. Validated as a whole.")
    @APIResponse(responseCode = "200", description = "The new settings, now in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TrafficSettings.class)))
    @APIResponse(responseCode = "400", description = "Invalid settings or malformed JSON; nothing changed")
    @AdminOnly
    @SecurityRequirement(name = AdminTokenFilter.SECURITY_SCHEME)
    public TrafficSettings replace(TrafficSettings settings) {
        if (settings == null) {
            throw ProblemException.missingBody("/api/traffic");
        }
        return traffic.replace(settings, "api");
    }
}
