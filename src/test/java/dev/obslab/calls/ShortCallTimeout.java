package dev.obslab.calls;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Calls time out after 500 ms, so the 504 test takes half a second; only {@link CallTimeoutTest} uses it. */
public class ShortCallTimeout implements QuarkusTestProfile {

    static final int TIMEOUT_MS = 500;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("simulator.process.call-timeout-ms", Integer.toString(TIMEOUT_MS));
    }
}
