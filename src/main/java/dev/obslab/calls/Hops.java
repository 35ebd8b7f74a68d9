package dev.obslab.calls;

/**
 * How many calls between instances a request has come through. Every call step sends the count it got plus one, so a
 * cycle in the configured graph (a calls b calls a ...) is cut at {@code simulator.process.max-hops} with a bounded
 * number of requests.
 */
public final class Hops {

    public static final String HEADER = "X-Obslab-Hops";

    private Hops() {
    }
}
