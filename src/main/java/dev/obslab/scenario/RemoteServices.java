package dev.obslab.scenario;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.obslab.http.admin.AdminConfig;
import dev.obslab.settings.SimulatorSettings;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The other services a scenario started here may change ({@code simulator.scenarios.services}, {@code name=URL}
 * entries; compose gives checkout inventory and payments). Their settings are read and replaced through their own
 * API, with this instance's admin token when one is set (the same token locks every instance of a stack).
 */
@ApplicationScoped
public class RemoteServices {

    private final Map<String, RemoteSettingsClient> clients = new LinkedHashMap<>();
    private final String authorization;

    public RemoteServices(ScenariosConfig config, AdminConfig admin) {
        for (String entry : config.services().orElse(java.util.List.of())) {
            String[] parts = entry.trim().split("=", 2);
            if (parts.length != 2 || !dev.obslab.settings.SettingsConstraints.isCallUrl(parts[1].trim())) {
                throw new IllegalArgumentException("simulator.scenarios.services: cannot read '" + entry
                        + "' as name=URL, e.g. payments=http://payments:8080");
            }
            clients.put(parts[0].trim(), QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(parts[1].trim()))
                    .connectTimeout(2, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS)
                    .build(RemoteSettingsClient.class));
        }
        authorization = admin.bearer()
                .orElse(null);
    }

    public boolean knows(String service) {
        return clients.containsKey(service);
    }

    public Uni<SimulatorSettings> settings(String service) {
        return client(service).get();
    }

    public Uni<Void> replace(String service, SimulatorSettings settings) {
        return client(service).put(authorization, settings).onItem().transform(r -> {
            try (r) {
                if (r.getStatus() != 200) {
                    throw new IllegalStateException("PUT /api/simulator on " + service + " answered " + r.getStatus());
                }
                return null;
            }
        });
    }

    private RemoteSettingsClient client(String service) {
        return Optional.ofNullable(clients.get(service))
                .orElseThrow(() -> new IllegalArgumentException("no service " + service + " in simulator.scenarios.services"));
    }
}
