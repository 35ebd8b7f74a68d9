package dev.obslab.drills;

import java.time.Instant;
import java.util.Map;

/**
 * One active alert as Prometheus reports it ({@code /api/v1/alerts}): pending or firing, and when it became active
 * (Prometheus' own {@code activeAt}).
 */
record AlertSample(String name, Map<String, String> labels, String state, Instant activeAt) {

    static final String PENDING = "pending";
    static final String FIRING = "firing";

    boolean firing() {
        return FIRING.equals(state);
    }
}
