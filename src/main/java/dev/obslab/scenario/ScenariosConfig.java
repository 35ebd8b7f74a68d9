package dev.obslab.scenario;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Scenarios ({@code simulator.scenarios.*}, env {@code SIMULATOR_SCENARIOS_*}). */
@ConfigMapping(prefix = "simulator.scenarios")
public interface ScenariosConfig {

    /** Multiplies every scenario duration (tests run them in seconds). */
    @WithDefault("1")
    double timeScale();

    /**
     * Other services a scenario started here may change, as {@code name=URL} (e.g. {@code payments=http://payments:8080}):
     * the cross-service scenarios (payments-latency, inventory-errors) exist only where their target is listed.
     */
    Optional<List<String>> services();

    /** How many fault windows {@code GET /api/scenarios/timeline} keeps (oldest dropped first). */
    @WithDefault("500")
    int timelineSize();
}
