package dev.obslab.settings;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The fake subsystems simulated log events come from; each logs under the category {@code simulated.<name>}. */
@RegisterForReflection // Jackson reads the constants and their @JsonProperty names, also in a native image
public enum Subsystem {
    @JsonProperty("payments")
    PAYMENTS,
    @JsonProperty("inventory")
    INVENTORY,
    @JsonProperty("auth")
    AUTH,
    @JsonProperty("cache")
    CACHE,
    @JsonProperty("database")
    DATABASE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The JSON name, so error messages list the names a client can send. */
    @Override
    public String toString() {
        return label();
    }
}
