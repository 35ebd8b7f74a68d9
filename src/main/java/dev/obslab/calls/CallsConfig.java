package dev.obslab.calls;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Call steps between instances ({@code simulator.process.call-timeout-ms}, {@code simulator.process.max-hops}). */
@ConfigMapping(prefix = "simulator.process")
public interface CallsConfig {

    /** A call step slower than this is cancelled and fails with 504. */
    @WithDefault("5000")
    int callTimeoutMs();

    /** Calls carry a hop count; a request that has come through more hops than this is refused with 508. */
    @WithDefault("8")
    int maxHops();
}
