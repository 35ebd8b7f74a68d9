package dev.obslab.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import dev.obslab.random.Weighted;
import dev.obslab.settings.StepSettings;

class StepPlanTest {

    private static final List<StepSettings> STEPS = List.of(new StepSettings("a", 10), new StepSettings("b", 25),
            new StepSettings("c", 40), new StepSettings("d", 25));

    @Test
    void stepsSplitTheTotalByWeightInWholeMillisecondsThatAddUp() {
        for (long total : new long[] { 0, 1, 3, 7, 99, 100, 1234, 30000 }) {
            List<StepTiming> plan = ProcessPlan.plan(STEPS, total);
            assertEquals(total, plan.stream().mapToLong(StepTiming::delayMs).sum());
            plan.forEach(s -> assertTrue(s.delayMs() >= 0));
        }
        assertEquals(List.of(10L, 25L, 40L, 25L),
                ProcessPlan.plan(STEPS, 100).stream().map(StepTiming::delayMs).toList());
    }

    @Test
    void weightedChoiceFollowsTheWeights() {
        Map<Integer, Integer> weights = new LinkedHashMap<>();
        weights.put(500, 6);
        weights.put(502, 1);
        weights.put(503, 0);
        weights.put(504, 3);
        Map<Integer, Integer> seen = new LinkedHashMap<>();
        Random random = new Random(42);
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            seen.merge(Weighted.pick(weights, random), 1, Integer::sum);
        }
        // Binomial sd at p=0.6: 49; at 0.1: 30; at 0.3: 46. Allow 5 sd.
        assertEquals(6000, seen.get(500), 245);
        assertEquals(1000, seen.get(502), 150);
        assertEquals(3000, seen.get(504), 230);
        assertEquals(null, seen.get(503), "a zero weight is never chosen");
    }

    @Test
    void withoutCallStepsAnyStepMayFail() {
        List<StepSettings> steps = List.of(new StepSettings("a", 1), new StepSettings("b", 1), new StepSettings("c", 1));
        RandomGenerator rnd = RandomGenerator.of("L64X128MixRandom");
        boolean[] seen = new boolean[3];
        for (int i = 0; i < 300; i++) {
            seen[ProcessPlan.failingStep(steps, i % 2 == 0, rnd)] = true;
        }
        assertTrue(seen[0] && seen[1] && seen[2]);
    }

    @Test
    void aForcedFailureTravelsThroughTheFirstCallAndADrawnOneStaysLocal() {
        List<StepSettings> steps = List.of(new StepSettings("a", 1), new StepSettings("b", 1, "http://x"),
                new StepSettings("c", 1, "http://y"), new StepSettings("d", 1));
        RandomGenerator rnd = RandomGenerator.of("L64X128MixRandom");
        for (int i = 0; i < 100; i++) {
            assertEquals(1, ProcessPlan.failingStep(steps, true, rnd));
            int drawn = ProcessPlan.failingStep(steps, false, rnd);
            assertTrue(drawn == 0 || drawn == 3, "drawn failure in a local step, got " + drawn);
        }
        List<StepSettings> callsOnly = List.of(new StepSettings("b", 1, "http://x"), new StepSettings("c", 1, "http://y"));
        assertEquals(0, ProcessPlan.failingStep(callsOnly, false, rnd));
    }
}
