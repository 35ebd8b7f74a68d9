package dev.obslab.http.hops;

import java.util.List;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.obslab.http.problem.Problem;
import dev.obslab.http.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.vertx.ContextLocals;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * The hop rule: a request of a {@link HopCounted} resource that came through more calls between instances than
 * {@code simulator.process.max-hops} is refused with 508 before any work (a cycle in the configured graph costs a
 * bounded number of requests), and counted in {@code simulator_hops_refused_total}; the count it came with is kept
 * on the request's Vert.x context, where {@link Hops#next()} reads it.
 */
public class HopLimit {

    private static final String LOCAL = "dev.obslab.hops";
    private static final int MAX_HEADER_VALUE = 10_000;

    private final Counter refused;
    private final int maxHops;

    public HopLimit(MeterRegistry registry, HopsConfig config) {
        this.refused = Counter.builder("simulator.hops.refused")
                .description("Requests refused with 508 because they came through too many calls (a loop)")
                .register(registry);
        this.maxHops = config.maxHops();
    }

    @HopCounted
    @ServerRequestFilter
    public void refuseLoops(ContainerRequestContext request) {
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
            refused.increment();
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
