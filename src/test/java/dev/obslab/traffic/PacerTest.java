package dev.obslab.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The pacing arithmetic on a simulated clock: exact counts, no timing involved. */
class PacerTest {

    private static final long MS = 1_000_000;

    @ParameterizedTest
    @ValueSource(ints = { 1, 5, 37, 100, 999, 1000 })
    void sendsExactlyTheRateOverAnyWindowWithoutBursts(int rps) {
        Pacer pacer = new Pacer(rps, 0);
        long period = Pacer.periodMillis(rps);
        long sent = 0;
        int largestTick = 0;
        for (long t = period; t <= 10_000; t += period) {
            int due = pacer.due(t * MS);
            sent += due;
            largestTick = Math.max(largestTick, due);
            assertEquals(t * rps / 1000, sent, "at " + t + " ms");
        }
        sent += pacer.due(10_000 * MS);
        assertEquals(10L * rps, sent, "exactly rps x 10 over 10 s");
        // even spacing: a tick never carries more than its share, rounded up
        assertTrue(largestTick <= Math.ceil(rps * period / 1000.0), "largest tick " + largestTick);
    }

    @Test
    void aStallDoesNotBecomeABurst() {
        Pacer pacer = new Pacer(200, 0);
        assertEquals(2, pacer.due(10 * MS));
        int afterStall = pacer.due(5_010 * MS); // 5 s late: 1000 requests overdue
        assertEquals(20, afterStall, "at most a tenth of a second is caught up");
        assertEquals(2, pacer.due(5_020 * MS), "then back to the steady pace");
    }

    @Test
    void periodKeepsWakeUpsBounded() {
        assertEquals(100, Pacer.periodMillis(1));
        assertEquals(50, Pacer.periodMillis(20));
        assertEquals(10, Pacer.periodMillis(1000));
    }
}
