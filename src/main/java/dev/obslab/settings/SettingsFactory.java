package dev.obslab.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.obslab.random.Weighted;

/** Builds the start-up {@link SimulatorSettings} from {@link SettingsConfig}. */
public final class SettingsFactory {

    private SettingsFactory() {
    }

    static SimulatorSettings fromConfig(SettingsConfig c) {
        SettingsConfig.Process p = c.process();
        SettingsConfig.GenerateLogs g = c.generateLogs();
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

    private static LatencySettings latency(SettingsConfig.Latency l) {
        return new LatencySettings(l.distribution().label(), l.fixedMs().orElse(null), l.minMs().orElse(null),
                l.maxMs().orElse(null), l.meanMs().orElse(null), l.stddevMs().orElse(null),
                l.medianMs().orElse(null), l.p99Ms().orElse(null));
    }

    /** {@code name:weight} (local work) or {@code name:weight@URL} (a call to another instance). */
    public static List<StepSettings> steps(List<String> entries) {
        List<StepSettings> steps = new ArrayList<>();
        for (String entry : entries) {
            int at = entry.indexOf('@');
            String local = at < 0 ? entry : entry.substring(0, at);
            String call = at < 0 ? null : entry.substring(at + 1).trim();
            if (call != null && !SettingsConstraints.isCallUrl(call)) {
                throw new IllegalArgumentException("simulator.process.steps: cannot read '" + entry
                        + "': after '@' comes the base URL of another instance, e.g. http://payments:8080");
            }
            Weighted.parse("simulator.process.steps", List.of(local), Function.identity())
                    .forEach((name, weight) -> steps.add(new StepSettings(name, weight, call)));
        }
        return steps;
    }
}
