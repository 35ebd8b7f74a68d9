package dev.obslab.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SimulatorPlanTest {

    private static final List<StepSettings> STEPS = List.of(new StepSettings("a", 10), new StepSettings("b", 25),
            new StepSettings("c", 40), new StepSettings("d", 25));

    @Test
    void stepsSplitTheTotalByWeightInWholeMillisecondsThatAddUp() {
        for (long total : new long[] { 0, 1, 3, 7, 99, 100, 1234, 30000 }) {
            List<Simulator.StepTiming> plan = Simulator.plan(STEPS, total);
            assertEquals(total, plan.stream().mapToLong(Simulator.StepTiming::delayMs).sum());
            plan.forEach(s -> assertTrue(s.delayMs() >= 0));
        }
        assertEquals(List.of(10L, 25L, 40L, 25L),
                Simulator.plan(STEPS, 100).stream().map(Simulator.StepTiming::delayMs).toList());
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
}
