package dev.obslab.scenario;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import dev.obslab.settings.SimulatorSettings;
import io.quarkus.rest.client.reactive.Url;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * Another instance's settings API, as a scenario started here changes it: one declared client for every service
 * ({@code baseUrl} from {@code simulator.scenarios.services}); timeouts are {@code quarkus.rest-client.remote-settings.*}.
 */
@RegisterRestClient(configKey = "remote-settings")
@Path("/api/simulator")
public interface RemoteSettingsClient {

    @GET
    Uni<SimulatorSettings> get(@Url String baseUrl);

    @PUT
    Uni<Response> put(@Url String baseUrl, @HeaderParam("Authorization") String authorization,
            SimulatorSettings settings);
}
