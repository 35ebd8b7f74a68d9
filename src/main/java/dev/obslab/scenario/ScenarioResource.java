package dev.obslab.scenario;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.obslab.http.admin.AdminOnly;
import dev.obslab.http.admin.AdminTokenFilter;
import dev.obslab.http.problem.Problem;
import dev.obslab.http.problem.ProblemException;
import dev.obslab.http.problem.ProblemTypes;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/scenarios")
@Tag(name = "Scenarios")
@Produces(MediaType.APPLICATION_JSON)
public class ScenarioResource {

    @RegisterForReflection
    public record ScenarioView(String name, String description, long durationSeconds) {
    }

    @RegisterForReflection
    public record Scenarios(@Schema(nullable = true, description = "The running scenario; null when none runs") Running running,
            List<ScenarioView> scenarios) {
    }

    static final String ACTIVE = "active";
    static final String TIMELINE = "timeline";

    private final ScenarioRunner runner;
    private final FaultTimeline timeline;

    public ScenarioResource(ScenarioRunner runner, FaultTimeline timeline) {
        this.runner = runner;
        this.timeline = timeline;
    }

    @GET
    @Operation(summary = "The built-in scenarios and the one running, if any")
    public Scenarios list() {
        return new Scenarios(runner.running().orElse(null), runner.scenarios().stream()
                .map(s -> new ScenarioView(s.name(), s.description(), s.duration().toSeconds())).toList());
    }

    @POST
    @Path("/{name}")
    @Operation(summary = "Start a scenario", description = "Changes the simulator and traffic settings for the "
            + "scenario's duration, then restores the ones in force before it.")
    @APIResponse(responseCode = "202", description = "Started",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Running.class)))
    @APIResponse(responseCode = "404", description = "No scenario of that name")
    @APIResponse(responseCode = "409", description = "Another scenario is running")
    @AdminOnly
    @SecurityRequirement(name = AdminTokenFilter.SECURITY_SCHEME)
    public Response start(@PathParam("name") String name) {
        if (ACTIVE.equals(name)) {
            // the path of the running scenario, which answers DELETE only: a 405, not "no scenario named 'active'"
            throw new NotAllowedException(HttpMethod.DELETE);
        }
        if (TIMELINE.equals(name)) {
            throw new NotAllowedException(HttpMethod.GET);
        }
        Scenario scenario = runner.find(name).orElseThrow(() -> ProblemException.notFound("Unknown scenario",
                "No scenario named '" + name + "'; GET /api/scenarios lists them",
                List.of(new Problem.FieldError("name", "must be one of " + runner.scenarios().stream()
                        .map(Scenario::name).toList()))));
        Running running = runner.start(scenario, FaultTimeline.StartedBy.API).orElseThrow(() -> new ProblemException(409,
                ProblemTypes.SCENARIO_CONFLICT, "A scenario is running",
                "Scenario '" + runner.running().map(Running::name).orElse("?")
                        + "' is running; stop it first with DELETE /api/scenarios/active",
                null));
        return Response.accepted(running).build();
    }

    @GET
    @Path("/" + TIMELINE)
    @Operation(summary = "Every fault window opened by a scenario or a drill, oldest first", description = "What ran, "
            + "on which service, the settings it changed (from, to), who started it (api or drill), when it opened and "
            + "closed to the millisecond (endedAt null while open), how it ended (completed, stopped, aborted, "
            + "shutdown) and the random seed (null when simulator.seed is unset). Keeps the last "
            + "simulator.scenarios.timeline-size windows (500).")
    public List<FaultTimeline.Window> timeline() {
        return timeline.windows();
    }

    @DELETE
    @Path("/active")
    @Operation(summary = "Stop the running scenario and restore the settings in force before it")
    @APIResponse(responseCode = "200", description = "Stopped",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Running.class)))
    @APIResponse(responseCode = "404", description = "No scenario is running")
    @AdminOnly
    @SecurityRequirement(name = AdminTokenFilter.SECURITY_SCHEME)
    public Running stop() {
        return runner.stop().orElseThrow(() -> ProblemException.notFound("No scenario is running",
                "There is no running scenario to stop", null));
    }
}
