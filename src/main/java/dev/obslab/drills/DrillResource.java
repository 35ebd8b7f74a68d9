package dev.obslab.drills;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.obslab.http.admin.AdminOnly;
import dev.obslab.http.admin.AdminTokenFilter;
import dev.obslab.http.problem.Problem;
import dev.obslab.http.problem.ProblemException;
import dev.obslab.http.problem.ProblemTypes;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /api/drills}: the catalogue, runs (start, read, abort) and Alertmanager's webhook. */
@Path("/api/drills")
@Tag(name = "Drills")
@Produces(MediaType.APPLICATION_JSON)
public class DrillResource {

    private static final String RUNS = "runs";

    private final DrillCatalogue catalogue;
    private final DrillRunner runner;
    private final Validator validator;
    private final ObjectMapper json;

    public DrillResource(DrillCatalogue catalogue, DrillRunner runner, Validator validator, ObjectMapper json) {
        this.json = json;
        this.catalogue = catalogue;
        this.runner = runner;
        this.validator = validator;
    }

    /** The catalogue and the run in progress, as {@code GET /api/scenarios} shows scenarios. */
    @RegisterForReflection
    public record Drills(@Schema(nullable = true, description = "The run in progress; null when none runs") DrillReport running,
            List<Drill> drills) {
    }

    /** The recent runs. */
    @RegisterForReflection
    public record Runs(List<DrillReport> runs) {
    }

    @GET
    @Operation(summary = "The drills: each a scenario plus the alerts that must fire (expect) and must not (forbid); "
            + "and the run in progress, if any")
    @APIResponse(responseCode = "200", description = "The catalogue",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Drills.class)))
    public Drills drills() {
        return new Drills(runner.running().orElse(null), catalogue.all());
    }

    @POST
    @Path("/{name}")
    @Operation(summary = "Start a drill", description = "Checks that Prometheus and Alertmanager answer, starts the "
            + "scenario, and watches the alerts; GET the Location for the report. A run whose expected alert has no "
            + "rule in Prometheus, or is already active, fails at once with the reason.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DrillOverrides.class)))
    @APIResponse(responseCode = "202", description = "Started (or failed at once: see status and reason)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrillReport.class)))
    @APIResponse(responseCode = "400", description = "The body's expectations are invalid; nothing changed")
    @APIResponse(responseCode = "404", description = "No drill of that name")
    @APIResponse(responseCode = "409", description = "A drill or a scenario is running")
    @APIResponse(responseCode = "503", description = "Prometheus or Alertmanager cannot be reached; nothing changed")
    @AdminOnly
    @SecurityRequirement(name = AdminTokenFilter.SECURITY_SCHEME)
    public Response start(@PathParam("name") String name, @Context HttpHeaders headers, String body)
            throws JsonProcessingException {
        if (RUNS.equals(name)) {
            throw new NotAllowedException(HttpMethod.GET); // the runs' list: not a drill to start
        }
        Drill drill = catalogue.find(name).orElseThrow(() -> ProblemException.notFound("Unknown drill",
                "No drill named '" + name + "'; GET /api/drills lists them",
                List.of(new Problem.FieldError("name", "must be one of "
                        + catalogue.all().stream().map(Drill::name).toList()))));
        // The body is optional: a bare POST (curl -X POST, whatever Content-Type a client adds) starts the drill as
        // listed; a body, when there is one, must be JSON.
        if (body != null && !body.isBlank()) {
            MediaType type = headers.getMediaType();
            if (type != null && !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                throw new NotSupportedException();
            }
            DrillOverrides overrides = json.readValue(body, DrillOverrides.class);
            if (overrides == null) {
                overrides = new DrillOverrides(null, null, null); // the JSON null: nothing to override
            }
            var violations = validator.validate(overrides);
            if (!violations.isEmpty()) {
                throw ProblemException.invalidBody("Invalid drill expectations",
                        "The drill was not started; nothing changed", violations);
            }
            drill = drill.with(overrides.expect(), overrides.forbid(), overrides.deadlineSeconds());
        }
        DrillReport run = runner.start(drill);
        return Response.accepted(run).location(URI.create("/api/drills/runs/" + run.id())).build();
    }

    @GET
    @Path("/" + RUNS)
    @Operation(summary = "The recent runs, oldest first (simulator.drills.keep-runs)")
    @APIResponse(responseCode = "200", description = "The runs kept",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Runs.class)))
    public Runs runs() {
        return new Runs(runner.runs());
    }

    @GET
    @Path("/" + RUNS + "/{id}")
    @Operation(summary = "A run's report: each alert's pending, firing, notified and resolved times, the unexpected "
            + "alerts, the verdict and its reason")
    @APIResponse(responseCode = "200", description = "The report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrillReport.class)))
    @APIResponse(responseCode = "404", description = "No run of that id (or no longer kept)")
    public DrillReport run(@PathParam("id") String id) {
        return runner.run(id).orElseThrow(() -> noRun(id));
    }

    @DELETE
    @Path("/" + RUNS + "/{id}")
    @Operation(summary = "Abort a running drill: the scenario ends and every setting it changed is restored")
    @APIResponse(responseCode = "200", description = "Aborted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DrillReport.class)))
    @APIResponse(responseCode = "404", description = "No run of that id (or no longer kept)")
    @APIResponse(responseCode = "409", description = "The run has already ended")
    @AdminOnly
    @SecurityRequirement(name = AdminTokenFilter.SECURITY_SCHEME)
    public DrillReport abort(@PathParam("id") String id) {
        return runner.abort(id).orElseThrow(() -> noRun(id));
    }

    @POST
    @Path("/notifications")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Alertmanager's webhook receiver (payload version 4)", description = "What a person would "
            + "have been sent: a running drill records when each expected alert's notification arrived.")
    @APIResponse(responseCode = "200", description = "Read; received is the number of alerts in the payload",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "400", description = "Not an Alertmanager version 4 payload")
    public Map<String, Integer> notifications(AlertmanagerWebhook payload) {
        if (payload == null) {
            throw new ProblemException(400, ProblemTypes.MALFORMED_BODY, "Missing request body", "POST "
                    + "/api/drills/notifications takes Alertmanager's webhook payload (version 4) as JSON",
                    List.of(new Problem.FieldError("body", "must not be empty")));
        }
        var violations = validator.validate(payload);
        if (!violations.isEmpty()) {
            throw ProblemException.invalidBody("Not an Alertmanager webhook payload",
                    "POST /api/drills/notifications takes Alertmanager's webhook payload, version 4", violations);
        }
        return Map.of("received", runner.notified(payload));
    }

    private static ProblemException noRun(String id) {
        return ProblemException.notFound("Unknown drill run", "No drill run '" + id
                + "' (GET /api/drills/runs lists the last ones kept)", null);
    }
}
