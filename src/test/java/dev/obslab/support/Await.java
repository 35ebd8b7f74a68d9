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
        while (!done.test(value) && System.nanoTime() < deadline && sleep(50)) {
            value = read.get();
        }
        return value;
    }

    /** Sleeps; false (and the thread's interrupt flag set) when interrupted. */
    public static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
