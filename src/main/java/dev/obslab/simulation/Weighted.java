package dev.obslab.simulation;

import java.util.Map;
import java.util.random.RandomGenerator;

/** Weighted choice over a map of weights (validated to hold at least one positive weight). */
public final class Weighted {

    private Weighted() {
    }

    public static <K> K pick(Map<K, Integer> weights, RandomGenerator random) {
        long total = weights.values().stream().mapToLong(Integer::longValue).sum();
        long point = random.nextLong(total);
        K last = null;
        for (Map.Entry<K, Integer> e : weights.entrySet()) {
            if (e.getValue() <= 0) {
                continue;
            }
            last = e.getKey();
            point -= e.getValue();
            if (point < 0) {
                return last;
            }
        }
        return last;
    }
}
