package dev.obslab.calls;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Call steps between instances ({@code simulator.process.call-*}; the hop limit is HopsConfig's). One HTTP client
 * serves every target, with a pool of kept-alive connections per target host and port.
 */
@ConfigMapping(prefix = "simulator.process")
public interface CallsConfig {

    /** A call step that gets no answer for this long is cancelled and fails with 504. */
    @WithDefault("5000")
    int callTimeoutMs();

    /** Opening a connection to a downstream (or waiting for a free one in its pool) longer than this fails with 502. */
    @WithDefault("2000")
    int callConnectTimeoutMs();

    /** Connections kept open to each target at most; calls beyond them wait for a free one. */
    @WithDefault("64")
    int callPoolSize();
}
