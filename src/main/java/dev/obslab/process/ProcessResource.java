package dev.obslab.process;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.obslab.http.QueryParams;
import dev.obslab.http.hops.HopCounted;
import dev.obslab.http.problem.Problem;
import dev.obslab.telemetry.Correlation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET} and {@code POST /process}: the parameters read and checked, the work done by {@link ProcessService}. */
@Path("/process")
@Tag(name = "Simulation")
@Produces(MediaType.APPLICATION_JSON)
// The answers of both methods, stated once.
@APIResponse(responseCode = "200", description = "The work succeeded",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProcessResponse.class)))
@APIResponse(responseCode = "400", description = "A query parameter is invalid")
@APIResponse(responseCode = "5XX", description = "Simulated failure, with the status drawn from the configured "
        + "mix (default 500, 502, 503, 504), simulated=true; or a call step failed: 502 naming the origin "
        + "(simulated as the root cause was), 504 past the call timeout, 508 past the hop limit",
        // named once in the API, so the Problem schema is generated; every other error gets it from OpenApiProblems
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@HopCounted
public class ProcessResource {

    private final ProcessService process;

    public ProcessResource(ProcessService process) {
        this.process = process;
    }

    @GET
    @Operation(summary = "One simulated unit of work", description = "Runs the configured steps (child spans) with "
            + "latency drawn from the configured distribution, and fails at the configured rate.")
    public Uni<ProcessResponse> get(@BeanParam ProcessParams params) {
        QueryParams checked = new QueryParams();
        var delay = checked.intInRange("delay_ms", params.delayMs, 0, 30_000);
        var forcedOutcome = checked.bool("fail", params.fail);
        checked.throwIfInvalid();
        return process.process(delay, forcedOutcome).map(outcome -> new ProcessResponse(Correlation.requestId(),
                "ok", outcome.latencyMs(), outcome.steps(), Correlation.traceId()));
    }

    @POST
    @Operation(summary = "Same as GET /process", description = "Accepts POST for clients that send work; any body is ignored.")
    public Uni<ProcessResponse> post(@BeanParam ProcessParams params) {
        return get(params);
    }
}
