package dev.obslab.random;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one source of randomness of the simulation. With {@code simulator.seed} set, every draw comes from one seeded
 * generator, so a run with the same requests in the same order is reproducible; without it, draws are thread-local and
 * contention-free.
 */
@ApplicationScoped
public class RandomSource {

    private final Random seeded;

    public RandomSource(RandomConfig config) {
        this.seeded = config.seed().isPresent() ? new Random(config.seed().getAsLong()) : null;
    }

    public RandomGenerator generator() {
        return seeded != null ? seeded : ThreadLocalRandom.current();
    }
}
