package dev.obslab.http.hops;

/**
 * How many calls between instances a request has come through. Every call step sends the count it got plus one, so a
 * cycle in the configured graph (a calls b calls a ...) is cut at {@code simulator.process.max-hops} with a bounded
 * number of requests.
 */
public final class Hops {

    public static final String HEADER = "X-Obslab-Hops";

    private Hops() {
    }

    /** The count an outgoing call of the request being served sends: one more than it came with. */
    public static int next() {
        return HopLimit.hopsOfThisRequest() + 1;
    }
}
