package dev.obslab.traffic;

/**
 * Spreads requests evenly over time: at any moment the number sent is floor(elapsed x rate). A stall (GC pause,
 * busy event loop) does not turn into a burst: at most a tenth of a second's worth is caught up, the rest is skipped.
 */
final class Pacer {

    private final long rps;
    private final long maxCatchUp;
    private final long start;
    private long credited; // requests accounted for: sent or skipped

    Pacer(int rps, long startNanos) {
        this.rps = rps;
        this.maxCatchUp = Math.max(1, (long) Math.ceil(rps / 10.0));
        this.start = startNanos;
    }

    /** How many requests are due now. */
    int due(long nowNanos) {
        long target = (nowNanos - start) * rps / 1_000_000_000L; // exact integer arithmetic, no rounding drift
        long behind = target - credited;
        long due = Math.min(behind, maxCatchUp);
        credited = behind > maxCatchUp ? target : credited + due; // what could not be caught up is skipped
        return (int) Math.max(0, due);
    }

    /** Timer period in ms: often enough for smooth pacing, at most 100 wake-ups a second. */
    static long periodMillis(int rps) {
        return Math.max(10, Math.min(100, 1000L / Math.max(1, rps)));
    }
}
