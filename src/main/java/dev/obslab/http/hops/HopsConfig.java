package dev.obslab.http.hops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The hop limit ({@code simulator.process.max-hops}; its key kept from when only call steps had it). */
@ConfigMapping(prefix = "simulator.process")
public interface HopsConfig {

    /** Calls carry a hop count; a request that has come through more hops than this is refused with 508. */
    @WithDefault("8")
    int maxHops();
}
