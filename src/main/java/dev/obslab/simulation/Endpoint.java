package dev.obslab.simulation;

/** The simulated endpoints; {@link #label()} is the value of the {@code endpoint} metric label. */
public enum Endpoint {
    PROCESS("process"),
    GENERATE_LOGS("generate_logs");

    private final String label;

    Endpoint(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
