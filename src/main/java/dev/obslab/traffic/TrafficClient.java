package dev.obslab.traffic;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** The REST client the generator calls the service with; built in {@link TrafficGenerator} for its base URL. */
public interface TrafficClient {

    @GET
    @Path("/process")
    Uni<Response> process(@QueryParam("delay_ms") Integer delayMs, @QueryParam("fail") Boolean fail);

    @GET
    @Path("/generate_logs")
    Uni<Response> generateLogs(@QueryParam("count") int count);
}
