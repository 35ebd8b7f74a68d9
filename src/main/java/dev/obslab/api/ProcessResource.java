package dev.obslab.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.obslab.simulation.Simulator;
import dev.obslab.telemetry.CallMetrics;
import dev.obslab.telemetry.Correlation;
import dev.obslab.topology.Hops;
import dev.obslab.topology.LoopDetectedException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

@Path("/process")
@Tag(name = "Simulation")
@Produces(MediaType.APPLICATION_JSON)
public class ProcessResource {

    private final Simulator simulator;
    private final CallMetrics callMetrics;

    public ProcessResource(Simulator simulator, CallMetrics callMetrics) {
        this.simulator = simulator;
        this.callMetrics = callMetrics;
    }

    @GET
    @Operation(summary = "One simulated unit of work", description = "Runs the configured steps (child spans) with "
            + "latency drawn from the configured distribution, and fails at the configured rate.")
    @APIResponse(responseCode = "200", description = "The work succeeded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProcessResponse.class)))
    @APIResponse(responseCode = "400", description = "A query parameter is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "5XX", description = "Simulated failure, with the status drawn from the configured "
            + "mix (default 500, 502, 503, 504), simulated=true; or a call step failed: 502 naming the origin "
            + "(simulated as the root cause was), 504 past the call timeout, 508 past the hop limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ProcessResponse> get(
            @Parameter(description = "Force this request's total latency in ms", allowEmptyValue = true,
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER, minimum = "0", maximum = "30000"))
            @QueryParam("delay_ms") String delayMs,
            @Parameter(description = "Force the outcome: true fails, false succeeds", allowEmptyValue = true,
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.BOOLEAN))
            @QueryParam("fail") String fail,
            // Plumbing between instances (set by call steps, README "Several services"), not part of the client API:
            // hidden from the OpenAPI document, so clients and the fuzz do not send it.
            @Parameter(hidden = true) @HeaderParam(Hops.HEADER) String hops) {
        QueryParams params = new QueryParams();
        var delay = params.intInRange("delay_ms", delayMs, 0, 30_000);
        var forcedOutcome = params.bool("fail", fail);
        var hopCount = params.intInRange(Hops.HEADER, hops, 0, 10_000);
        params.throwIfInvalid();
        int n = hopCount.orElse(0);
        if (n > simulator.maxHops()) {
            callMetrics.refused();
            return Uni.createFrom().failure(new LoopDetectedException(n, simulator.maxHops()));
        }
        return simulator.process(delay, forcedOutcome, n).map(outcome -> new ProcessResponse(Correlation.requestId(),
                "ok", outcome.latencyMs(), outcome.steps(), Correlation.traceId()));
    }

    @POST
    @Operation(summary = "Same as GET /process", description = "Accepts POST for clients that send work; any body is ignored.")
    @APIResponse(responseCode = "200", description = "The work succeeded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProcessResponse.class)))
    @APIResponse(responseCode = "400", description = "A query parameter is invalid",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "5XX", description = "Simulated failure, with the status drawn from the configured "
            + "mix (default 500, 502, 503, 504), simulated=true; or a call step failed: 502 naming the origin "
            + "(simulated as the root cause was), 504 past the call timeout, 508 past the hop limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ProcessResponse> post(
            @Parameter(description = "Force this request's total latency in ms", allowEmptyValue = true,
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER, minimum = "0", maximum = "30000"))
            @QueryParam("delay_ms") String delayMs,
            @Parameter(description = "Force the outcome: true fails, false succeeds", allowEmptyValue = true,
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.BOOLEAN))
            @QueryParam("fail") String fail,
            @Parameter(hidden = true) @HeaderParam(Hops.HEADER) String hops) {
        return get(delayMs, fail, hops);
    }
}
