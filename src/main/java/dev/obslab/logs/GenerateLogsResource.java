package dev.obslab.logs;

import java.util.Arrays;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.obslab.http.QueryParams;
import dev.obslab.settings.Level;
import dev.obslab.telemetry.Correlation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET} and {@code POST /generate_logs}: the parameters read and checked, the events written by {@link LogGenerator}. */
@Path("/generate_logs")
@Tag(name = "Simulation")
@Produces(MediaType.APPLICATION_JSON)
// The answers of both methods, stated once.
@APIResponse(responseCode = "200", description = "The events were written",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GenerateLogsResponse.class)))
@APIResponse(responseCode = "400", description = "count or level is invalid")
@APIResponse(responseCode = "5XX", description = "Simulated failure, if the generate_logs failure rate is above 0 "
        + "(status from the configured mix, default 500 and 503); the body has simulated=true")
public class GenerateLogsResource {

    static final int DEFAULT_COUNT = 10;
    private static final String LEVELS = Arrays.toString(Level.values());

    private final LogGenerator generator;

    public GenerateLogsResource(LogGenerator generator) {
        this.generator = generator;
    }

    @GET
    @Operation(summary = "Write a burst of simulated log events", description = "Writes `count` events from the fake "
            + "subsystems, with the configured level mix or all at `level`; ERROR events carry a stack trace.")
    public Uni<GenerateLogsResponse> get(@BeanParam GenerateLogsParams params) {
        QueryParams checked = new QueryParams();
        int n = checked.intInRange("count", params.count, 1, 10_000).orElse(DEFAULT_COUNT);
        var forcedLevel = checked.oneOf("level", params.level, Level::parse, LEVELS);
        checked.throwIfInvalid();
        return generator.generateLogs(n, forcedLevel).map(burst -> new GenerateLogsResponse(Correlation.requestId(),
                burst.generated(), burst.byLevel(), Correlation.traceId()));
    }

    @POST
    @Operation(summary = "Same as GET /generate_logs")
    public Uni<GenerateLogsResponse> post(@BeanParam GenerateLogsParams params) {
        return get(params);
    }
}
