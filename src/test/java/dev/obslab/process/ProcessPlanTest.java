package dev.obslab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.obslab.settings.LatencySettings;
import dev.obslab.settings.ProcessSettings;
import dev.obslab.settings.StepSettings;

/** The draw of one request, on a fixed seed: statistics without HTTP, exact for the same seed on every machine. */
class ProcessPlanTest {

    private static final List<StepSettings> STEPS = List.of(new StepSettings("a", 10), new StepSettings("b", 90));

    private static ProcessSettings settings(double failureRate) {
        return new ProcessSettings(failureRate, Map.of(500, 6, 503, 4), LatencySettings.fixed(100), STEPS);
    }

    @Test
    void theFailureRateIsObeyedStatistically() {
        SplittableRandom rnd = new SplittableRandom(42);
        int n = 20_000;
        int failures = 0;
        int status503 = 0;
        for (int i = 0; i < n; i++) {
            ProcessPlan plan = ProcessPlan.draw(settings(0.3), Optional.empty(), Optional.empty(), rnd);
            if (plan.failing()) {
                failures++;
                status503 += plan.status() == 503 ? 1 : 0;
                assertTrue(plan.failAt() >= 0 && plan.failAt() < STEPS.size());
            } else {
                assertEquals(200, plan.status());
            }
        }
        // Binomial(20000, 0.3): mean 6000, sd 64.8; 5 sd either side. Of the failures, 40% are 503 (sd 35 at 6000).
        assertEquals(6000, failures, 5 * 64.8, "failures");
        assertEquals(0.4 * failures, status503, 5 * 38.0, "503 among the failures");
    }

    @Test
    void failureRatesZeroAndOneAreExact() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            assertTrue(ProcessPlan.draw(settings(1.0), Optional.empty(), Optional.empty(), rnd).failing());
            assertEquals(200, ProcessPlan.draw(settings(0.0), Optional.empty(), Optional.empty(), rnd).status());
        }
    }

    @Test
    void aForcedOutcomeAndDelayWinOverTheDraw() {
        SplittableRandom rnd = new SplittableRandom(1);
        ProcessPlan ok = ProcessPlan.draw(settings(1.0), Optional.of(250), Optional.of(false), rnd);
        assertEquals(200, ok.status());
        assertEquals(250, ok.totalMs());
        assertEquals(List.of(25L, 225L), ok.steps().stream().map(StepTiming::delayMs).toList());
        ProcessPlan failing = ProcessPlan.draw(settings(0.0), Optional.of(0), Optional.of(true), rnd);
        assertTrue(failing.failing());
        assertTrue(failing.status() == 500 || failing.status() == 503, "from the configured mix: " + failing.status());
    }

    @Test
    void theSameSeedDrawsTheSamePlans() {
        SplittableRandom first = new SplittableRandom(99);
        SplittableRandom second = new SplittableRandom(99);
        for (int i = 0; i < 100; i++) {
            assertEquals(ProcessPlan.draw(settings(0.5), Optional.empty(), Optional.empty(), first),
                    ProcessPlan.draw(settings(0.5), Optional.empty(), Optional.empty(), second));
        }
    }
}
