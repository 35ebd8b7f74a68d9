package dev.obslab.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import dev.obslab.http.admin.AdminConfig;
import dev.obslab.settings.SimulatorSettings;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The other services a scenario started here may change ({@code simulator.scenarios.services}, {@code name=URL}
 * entries; compose gives checkout inventory and payments). Their settings are read and replaced through their own
 * API, with this instance's admin token when one is set (the same token locks every instance of a stack).
 */
@ApplicationScoped
public class RemoteServices {

    private final Map<String, String> urls = new LinkedHashMap<>();
    private final RemoteSettingsClient client;
    private final String authorization;

    public RemoteServices(@RestClient RemoteSettingsClient client, ScenariosConfig config, AdminConfig admin) {
        this.client = client;
        for (String entry : config.services().orElse(java.util.List.of())) {
            String[] parts = entry.trim().split("=", 2);
            if (parts.length != 2 || !dev.obslab.settings.SettingsConstraints.isCallUrl(parts[1].trim())) {
                throw new IllegalArgumentException("simulator.scenarios.services: cannot read '" + entry
                        + "' as name=URL, e.g. payments=http://payments:8080");
            }
            urls.put(parts[0].trim(), parts[1].trim());
        }
        authorization = admin.bearer()
                .orElse(null);
    }

    public boolean knows(String service) {
        return urls.containsKey(service);
    }

    public Uni<SimulatorSettings> settings(String service) {
        return client.get(url(service));
    }

    public Uni<Void> replace(String service, SimulatorSettings settings) {
        return client.put(url(service), authorization, settings).onItem().transform(r -> {
            try (r) {
                if (r.getStatus() != 200) {
                    throw new IllegalStateException("PUT /api/simulator on " + service + " answered " + r.getStatus());
                }
                return null;
            }
        });
    }

    private String url(String service) {
        return Optional.ofNullable(urls.get(service))
                .orElseThrow(() -> new IllegalArgumentException("no service " + service + " in simulator.scenarios.services"));
    }
}
