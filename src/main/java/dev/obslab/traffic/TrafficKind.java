package dev.obslab.traffic;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The kinds of request the generator sends; {@link #label()} is their JSON name and metric label value. */
@RegisterForReflection // Jackson reads the constants and their @JsonProperty names, also in a native image
public enum TrafficKind {
    /** GET /process, outcome left to the simulator. */
    @JsonProperty("process")
    PROCESS,
    /** GET /process?fail=true. */
    @JsonProperty("process_fail")
    PROCESS_FAIL,
    /** GET /process?delay_ms=slowDelayMs. */
    @JsonProperty("process_slow")
    PROCESS_SLOW,
    /** GET /generate_logs?count=logCount. */
    @JsonProperty("generate_logs")
    GENERATE_LOGS;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static TrafficKind fromLabel(String label) {
        return valueOf(label.trim().toUpperCase(java.util.Locale.ROOT));
    }

    /** The JSON name, so error messages list the names a client can send. */
    @Override
    public String toString() {
        return label();
    }
}
