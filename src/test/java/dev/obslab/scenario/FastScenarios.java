package dev.obslab.scenario;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Scenarios at 1/200 of their real length (error-storm's 3 minutes take 0.9 s), for tests that wait for one to end. */
public class FastScenarios implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("simulator.scenarios.time-scale", "0.005");
    }
}
