package dev.obslab.http;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Request limits the service answers itself, with problem+json ({@link RequestLimits}); env {@code SIMULATOR_HTTP_*}. */
@ConfigMapping(prefix = "simulator.http")
public interface HttpLimitsConfig {

    /** Longest request target (path and query), in characters; beyond it: 414. */
    @WithDefault("8192")
    int maxUriLength();

    /** Largest header block (every name, value, ": " and CRLF), in bytes; beyond it: 431. */
    @WithDefault("16384")
    int maxHeaderBytes();

    /**
     * How long the body of a refused request is read and dropped before the connection is closed: closing on unread
     * bytes makes the kernel reset the connection, and the client may lose the answer.
     */
    @WithDefault("5s")
    Duration refusedBodyDrain();
}
