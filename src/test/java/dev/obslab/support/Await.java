package dev.obslab.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Reads something until it satisfies a condition, bounded in time; the last read is returned either way. */
public final class Await {

    private Await() {
    }

    public static <T> T until(Supplier<T> read, Predicate<T> done, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        T value = read.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            value = read.get();
        }
        return value;
    }
}
