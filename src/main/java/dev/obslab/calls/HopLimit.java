package dev.obslab.calls;

import java.util.List;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.obslab.http.problem.Problem;
import dev.obslab.http.problem.ProblemException;
import dev.obslab.process.ProcessResource;
import io.smallrye.common.vertx.ContextLocals;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

/**
 * The hop rule, in one place: a {@code /process} request that came through more calls between instances than
 * {@code simulator.process.max-hops} is refused with 508 before any work (a cycle in the configured graph costs a
 * bounded number of requests), and the count it came with is kept on the request's Vert.x context, where
 * {@link Downstreams} reads it to send one more.
 */
public class HopLimit {

    private static final String LOCAL = "dev.obslab.calls.hops";
    private static final int MAX_HEADER_VALUE = 10_000;

    private final CallMetrics metrics;
    private final int maxHops;

    public HopLimit(CallMetrics metrics, CallsConfig config) {
        this.metrics = metrics;
        this.maxHops = config.maxHops();
    }

    @ServerRequestFilter
    public void refuseLoops(ContainerRequestContext request, ResourceInfo resource) {
        if (resource.getResourceClass() != ProcessResource.class) {
            return;
        }
        String raw = request.getHeaderString(Hops.HEADER);
        int hops = 0;
        if (raw != null) {
            try {
                hops = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                hops = -1;
            }
            if (hops < 0 || hops > MAX_HEADER_VALUE) {
                throw ProblemException.invalidParameters(List.of(new Problem.FieldError(Hops.HEADER,
                        "must be an integer from 0 to " + MAX_HEADER_VALUE + ", got '" + raw + "'")));
            }
        }
        if (hops > maxHops) {
            metrics.refused();
            throw new LoopDetectedException(hops, maxHops);
        }
        ContextLocals.put(LOCAL, hops);
    }

    /** The hops the request being served came through (0 from a client, or outside a request). */
    static int hopsOfThisRequest() {
        try {
            return ContextLocals.<Integer> get(LOCAL).orElse(0);
        } catch (IllegalStateException e) {
            return 0; // not on a request's context
        }
    }
}
