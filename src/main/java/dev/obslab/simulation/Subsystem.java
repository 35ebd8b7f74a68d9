package dev.obslab.simulation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The fake subsystems simulated log events come from; each logs under the category {@code simulated.<name>}. */
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
