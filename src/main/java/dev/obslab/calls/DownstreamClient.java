package dev.obslab.calls;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * Another instance's {@code /process}, as a call step calls it. Built per base URL in {@link Downstreams}; registered
 * so its implementation is generated at build time, as a native image needs. The OpenTelemetry REST client filter
 * makes the client span and sends W3C trace context.
 */
@RegisterRestClient(configKey = "downstream")
public interface DownstreamClient {

    @GET
    @Path("/process")
    Uni<Response> process(@QueryParam("delay_ms") Integer delayMs, @QueryParam("fail") Boolean fail,
            @HeaderParam(Hops.HEADER) int hops);
}
