package dev.obslab.scenario;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import dev.obslab.settings.SimulatorSettings;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** Another instance's settings API, as a scenario started here changes it (built per service in RemoteServices). */
@RegisterRestClient(configKey = "remote-settings")
@Path("/api/simulator")
public interface RemoteSettingsClient {

    @GET
    Uni<SimulatorSettings> get();

    @PUT
    Uni<Response> put(@HeaderParam("Authorization") String authorization, SimulatorSettings settings);
}
