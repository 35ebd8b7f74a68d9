package dev.obslab.traffic;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The traffic generator's start-up settings ({@code simulator.traffic.*}, env {@code SIMULATOR_TRAFFIC_*}). */
@ConfigMapping(prefix = "simulator.traffic")
public interface TrafficConfig {

    /** Requests per second, 0 (off) to 1000. */
    @WithDefault("0")
    int rps();

    /**
     * Where the requests go; unset, this instance itself, at the port it really listens on (a test's random port too).
     * Not changeable at runtime, on purpose.
     */
    Optional<String> baseUrl();

    /** Requests allowed in flight at once; beyond it a due request is dropped (and counted). */
    @WithDefault("64")
    int maxInFlight();

    /** Mix of request kinds, kind:weight (process, process_fail, process_slow, generate_logs). */
    @WithDefault("process:90,generate_logs:10")
    List<String> mix();

    /** Events per generate_logs request. */
    @WithDefault("20")
    int logCount();

    /** delay_ms of process_slow requests. */
    @WithDefault("1500")
    int slowDelayMs();
}
