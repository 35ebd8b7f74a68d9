package dev.obslab.process;

import io.smallrye.mutiny.Uni;

/**
 * The port through which a call step reaches another instance (implemented by the calls feature, found by CDI): the
 * process feature plans and times steps and never knows how a call is made, counted, limited or turned into a 502.
 */
public interface RemoteCalls {

    /**
     * {@code GET <baseUrl>/process} for the step, inside the current span (the step's), passing on what was forced.
     * Completes when the downstream answered 2xx; fails with a problem (502, 504) otherwise.
     *
     * @param delayMs the step's share of a forced delay, or null
     * @param fail the outcome the downstream is told to have, or null (its own settings decide)
     */
    Uni<Void> call(String step, String baseUrl, Integer delayMs, Boolean fail);
}
