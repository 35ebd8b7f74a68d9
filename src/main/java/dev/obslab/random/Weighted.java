package dev.obslab.random;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/** Weights: parsed from config ({@code key:weight} lists) and drawn from (validated to hold a positive weight). */
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

    /** Parses {@code key:weight} config entries, keeping their order; a bad entry names its property. */
    public static <K> Map<K, Integer> parse(String property, List<String> entries, Function<String, K> key) {
        Map<K, Integer> weights = new LinkedHashMap<>();
        for (String entry : entries) {
            String[] parts = entry.trim().split(":");
            try {
                if (parts.length != 2) {
                    throw new IllegalArgumentException("expected key:weight");
                }
                weights.put(key.apply(parts[0].trim()), Integer.valueOf(parts[1].trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        property + ": cannot read '" + entry + "' as key:weight (" + e.getMessage() + ")", e);
            }
        }
        return weights;
    }
}
