package dev.obslab.http.admin;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The controls locked with an admin token (SIMULATOR_ADMIN_TOKEN). */
public class AdminTokenProfile implements QuarkusTestProfile {

    static final String TOKEN = "test-admin-token-0123456789";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("simulator.admin-token", TOKEN);
    }
}
