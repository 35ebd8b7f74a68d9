package dev.obslab.traffic;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * The REST client the generator calls the service with ({@code baseUrl}: the configured target, or this instance);
 * timeouts are {@code quarkus.rest-client.traffic.*}.
 */
@RegisterRestClient(configKey = "traffic")
public interface TrafficClient {

    @GET
    @Path("/process")
    Uni<Response> process(@Url String baseUrl, @QueryParam("delay_ms") Integer delayMs, @QueryParam("fail") Boolean fail);

    @GET
    @Path("/generate_logs")
    Uni<Response> generateLogs(@Url String baseUrl, @QueryParam("count") int count);
}
