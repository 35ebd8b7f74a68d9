package dev.obslab.calls;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Call steps between instances ({@code simulator.process.call-timeout-ms}; the hop limit is HopsConfig's). */
@ConfigMapping(prefix = "simulator.process")
public interface CallsConfig {

    /** A call step slower than this is cancelled and fails with 504. */
    @WithDefault("5000")
    int callTimeoutMs();
}
