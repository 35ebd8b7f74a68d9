package dev.obslab.calls;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import dev.obslab.http.hops.Hops;
import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * Another instance's {@code /process}, as a call step calls it: one declared client for every target (the step's URL
 * is {@code baseUrl}); timeouts and the pool are {@code quarkus.rest-client.downstream.*}. The OpenTelemetry REST
 * client filter makes the client span and sends W3C trace context.
 */
@RegisterRestClient(configKey = "downstream")
public interface DownstreamClient {

    @GET
    @Path("/process")
    Uni<Response> process(@Url String baseUrl, @QueryParam("delay_ms") Integer delayMs,
            @QueryParam("fail") Boolean fail, @HeaderParam(Hops.HEADER) int hops);
}
