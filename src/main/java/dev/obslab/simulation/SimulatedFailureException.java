package dev.obslab.simulation;

/** A failure the simulator injected on purpose; the only source of 5xx answers. */
public class SimulatedFailureException extends RuntimeException {

    private final int status;
    private final Endpoint endpoint;

    public SimulatedFailureException(Endpoint endpoint, int status, String message) {
        super(message);
        this.endpoint = endpoint;
        this.status = status;
    }

    public int status() {
        return status;
    }

    public Endpoint endpoint() {
        return endpoint;
    }
}
