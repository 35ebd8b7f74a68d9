package dev.obslab.topology;

/** A request that came through more calls than {@code simulator.process.max-hops}: refused at once with 508. */
public class LoopDetectedException extends RuntimeException {

    private final int hops;
    private final int max;

    public LoopDetectedException(int hops, int max) {
        super("This request came through " + hops + " calls between instances, more than " + max
                + ": the configured call steps form a loop; refused", null, false, false);
        this.hops = hops;
        this.max = max;
    }

    public int hops() {
        return hops;
    }

    public int max() {
        return max;
    }
}
