package dev.obslab.random;

import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;

/** {@code simulator.seed} (env {@code SIMULATOR_SEED}): reproducible runs; unset, a fresh random sequence each run. */
@ConfigMapping(prefix = "simulator")
public interface RandomConfig {

    OptionalLong seed();
}
