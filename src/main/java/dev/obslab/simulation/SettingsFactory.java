package dev.obslab.simulation;

import java.util.ArrayList;
import java.util.List;
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
                        Weighted.parse("simulator.process.failure-statuses", p.failureStatuses(), Integer::valueOf),
                        latency(p.latency()), steps(p.steps())),
                new GenerateLogsSettings(g.failureRate(),
                        Weighted.parse("simulator.generate-logs.failure-statuses", g.failureStatuses(), Integer::valueOf),
                        latency(g.latency()),
                        Weighted.parse("simulator.generate-logs.levels", g.levels(), s -> Level.valueOf(s.toUpperCase())),
                        List.copyOf(g.subsystems())));
    }

    private static LatencySettings latency(SimulatorConfig.Latency l) {
        return new LatencySettings(l.distribution().label(), l.fixedMs().orElse(null), l.minMs().orElse(null),
                l.maxMs().orElse(null), l.meanMs().orElse(null), l.stddevMs().orElse(null),
                l.medianMs().orElse(null), l.p99Ms().orElse(null));
    }

    private static List<StepSettings> steps(List<String> entries) {
        List<StepSettings> steps = new ArrayList<>();
        Weighted.parse("simulator.process.steps", entries, Function.identity())
                .forEach((name, weight) -> steps.add(new StepSettings(name, weight)));
        return steps;
    }
}
