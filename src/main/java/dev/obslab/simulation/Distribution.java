package dev.obslab.simulation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Shapes the simulated latency can take; JSON and config use the lower-case, hyphenated names. */
public enum Distribution {
    @JsonProperty("fixed")
    FIXED,
    @JsonProperty("uniform")
    UNIFORM,
    @JsonProperty("normal")
    NORMAL,
    @JsonProperty("log-normal")
    LOG_NORMAL
}
