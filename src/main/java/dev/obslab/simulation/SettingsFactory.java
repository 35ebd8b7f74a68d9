package dev.obslab.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds the start-up {@link SimulatorSettings} from {@link SimulatorConfig}. */
final class SettingsFactory {

    private SettingsFactory() {
    }

    static SimulatorSettings fromConfig(SimulatorConfig c) {
        SimulatorConfig.Process p = c.process();
        SimulatorConfig.GenerateLogs g = c.generateLogs();
        return new SimulatorSettings(
                new ProcessSettings(p.failureRate(),
                        weights("simulator.process.failure-statuses", p.failureStatuses(), Integer::valueOf),
                        latency(p.latency()), steps(p.steps())),
                new GenerateLogsSettings(g.failureRate(),
                        weights("simulator.generate-logs.failure-statuses", g.failureStatuses(), Integer::valueOf),
                        latency(g.latency()),
                        weights("simulator.generate-logs.levels", g.levels(), s -> Level.valueOf(s.toUpperCase())),
                        List.copyOf(g.subsystems())));
    }

    private static LatencySettings latency(SimulatorConfig.Latency l) {
        return new LatencySettings(l.distribution().label(), l.fixedMs().orElse(null), l.minMs().orElse(null),
                l.maxMs().orElse(null), l.meanMs().orElse(null), l.stddevMs().orElse(null),
                l.medianMs().orElse(null), l.p99Ms().orElse(null));
    }

    private static List<StepSettings> steps(List<String> entries) {
        List<StepSettings> steps = new ArrayList<>();
        weights("simulator.process.steps", entries, Function.identity())
                .forEach((name, weight) -> steps.add(new StepSettings(name, weight)));
        return steps;
    }

    /** Parses {@code key:weight} entries, keeping their order. */
    static <K> Map<K, Integer> weights(String property, List<String> entries, Function<String, K> key) {
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
