package dev.obslab.settings;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
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

@Path("/api/simulator")
// Declared here, where SmallRye OpenAPI reads it; required by the four locked operations (see AdminTokenFilter).
@SecurityScheme(securitySchemeName = AdminTokenFilter.SECURITY_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "SIMULATOR_ADMIN_TOKEN, needed only when the service runs with one (unset: the controls are open)")
@Tag(name = "Settings")
@Produces(MediaType.APPLICATION_JSON)
public class SimulatorSettingsResource {

    private final SettingsStore store;

    public SimulatorSettingsResource(SettingsStore store) {
        this.store = store;
    }

    @GET
    @Operation(summary = "The simulation settings in force")
    public SimulatorSettings get() {
        return store.settings();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace every simulation setting at once",
            description = "Validated as a whole: either all of it applies, or nothing changes and the answer names each bad field.")
    @APIResponse(responseCode = "200", description = "The new settings, now in force",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SimulatorSettings.class)))
    @APIResponse(responseCode = "400", description = "Invalid settings or malformed JSON; nothing changed")
    @AdminOnly
    @SecurityRequirement(name = AdminTokenFilter.SECURITY_SCHEME)
    public SimulatorSettings replace(SimulatorSettings settings) {
        if (settings == null) {
            throw ProblemException.missingBody("/api/simulator");
        }
        return store.replace(settings, "api");
    }
}
