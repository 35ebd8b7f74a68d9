package dev.obslab.topology;

/**
 * A call step that failed: the downstream answered 5xx (502 here, {@code simulated} as its root cause was), took
 * longer than the call timeout (504), or could not be reached or gave a bad answer (502, not simulated).
 * {@code originService} and {@code originStatus} name where the failure started, so a user can follow it from the
 * first answer to its source.
 */
public class CallFailedException extends RuntimeException {

    private final int status;
    private final boolean simulated;
    private final String step;
    private final String originService;
    private final int originStatus;

    public CallFailedException(int status, boolean simulated, String step, String originService, int originStatus,
            String message) {
        super(message, null, false, false);
        this.status = status;
        this.simulated = simulated;
        this.step = step;
        this.originService = originService;
        this.originStatus = originStatus;
    }

    public int status() {
        return status;
    }

    public boolean simulated() {
        return simulated;
    }

    public String step() {
        return step;
    }

    public String originService() {
        return originService;
    }

    public int originStatus() {
        return originStatus;
    }
}
