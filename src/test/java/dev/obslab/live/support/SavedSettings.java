package dev.obslab.live.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Saves each service's settings before a test (GET /api/simulator, /api/traffic, whether a scenario runs) and puts
 * them back after it, so a test cannot leak settings into the next one, nor into a shared stack (compose). A scenario
 * the test started is stopped first (which restores what it changed), then the saved settings are put.
 * <pre>{@code @RegisterExtension static SavedSettings saved = new SavedSettings(() -> List.of(url));}</pre>
 */
public final class SavedSettings implements BeforeEachCallback, AfterEachCallback {

    private record Saved(JsonNode settings, JsonNode traffic, boolean scenarioRunning) {
    }

    private final Supplier<List<String>> services;
    private final Map<String, Saved> saved = new LinkedHashMap<>();

    public SavedSettings(Supplier<List<String>> services) {
        this.services = services;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        saved.clear();
        for (String base : services.get()) {
            saved.put(base, new Saved(Http.json(base, "/api/simulator"), Http.json(base, "/api/traffic"),
                    scenarioRunning(base)));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (Map.Entry<String, Saved> e : saved.entrySet()) {
            String base = e.getKey();
            if (!e.getValue().scenarioRunning() && scenarioRunning(base)) {
                Http.call(base, "DELETE", "/api/scenarios/active", null);
            }
        }
        // Every service after any scenario stopped: a scenario on one service changes the others' settings.
        for (Map.Entry<String, Saved> e : saved.entrySet()) {
            Http.put(e.getKey(), "/api/simulator", e.getValue().settings());
            Http.put(e.getKey(), "/api/traffic", e.getValue().traffic());
        }
    }

    /** The settings saved before this test. */
    public JsonNode settings(String base) {
        return saved.get(base).settings();
    }

    public JsonNode traffic(String base) {
        return saved.get(base).traffic();
    }

    private static boolean scenarioRunning(String base) {
        return Http.json(base, "/api/scenarios").path("running").isObject();
    }
}
