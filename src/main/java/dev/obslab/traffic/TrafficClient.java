package dev.obslab.traffic;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * The REST client the generator calls the service with; built in {@link TrafficGenerator} for its base URL
 * (registered so its implementation is generated at build time, as a native image needs).
 */
@RegisterRestClient(configKey = "traffic")
public interface TrafficClient {

    @GET
    @Path("/process")
    Uni<Response> process(@QueryParam("delay_ms") Integer delayMs, @QueryParam("fail") Boolean fail);

    @GET
    @Path("/generate_logs")
    Uni<Response> generateLogs(@QueryParam("count") int count);
}
