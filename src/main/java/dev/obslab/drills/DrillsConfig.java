package dev.obslab.drills;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Alert drills ({@code simulator.drills.*}, env {@code SIMULATOR_DRILLS_*}). */
@ConfigMapping(prefix = "simulator.drills")
public interface DrillsConfig {

    /** Where the alert states are read ({@code /api/v1/rules}, {@code /api/v1/alerts}); compose's Prometheus. */
    @WithDefault("http://prometheus:9090")
    String prometheusUrl();

    /** The Alertmanager whose webhook reaches this service; checked to be up before a drill starts. */
    @WithDefault("http://alertmanager:9093")
    String alertmanagerUrl();

    /** How often a running drill reads the alert states: the precision of the times it reports. */
    @WithDefault("1s")
    Duration pollInterval();

    /** One request to Prometheus or Alertmanager. */
    @WithDefault("5s")
    Duration requestTimeout();

    /** A drill whose Prometheus stays unreachable this long fails (and restores the settings). */
    @WithDefault("30s")
    Duration unreachableAfter();

    /** How many runs {@code GET /api/drills/runs} keeps (oldest dropped first). */
    @WithDefault("50")
    int keepRuns();
}
