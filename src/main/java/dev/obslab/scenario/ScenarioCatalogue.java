package dev.obslab.scenario;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.obslab.settings.LatencySettings;
import dev.obslab.settings.Level;
import dev.obslab.settings.SettingsStore;
import dev.obslab.traffic.TrafficGenerator;
import dev.obslab.traffic.TrafficKind;
import dev.obslab.traffic.TrafficSettings;

/**
 * The built-in scenarios. Each alert of observability/prometheus/rules is reached by one of them (docs/runbooks.md
 * says which); every scenario keeps at least 10 requests/s flowing so rates and ratios are meaningful.
 */
final class ScenarioCatalogue {

    private static final int MIN_RPS = 10;

    private ScenarioCatalogue() {
    }

    static Map<String, Scenario> of(SettingsStore simulator, TrafficGenerator traffic, RemoteServices remote) {
        Map<String, Scenario> all = new LinkedHashMap<>();
        add(all, new Scenario("steady", "Start-up settings and default traffic: the calm baseline",
                List.of(new Scenario.Phase(Duration.ofMinutes(10), s -> simulator.defaults(),
                        t -> traffic.defaults().withRps(Math.max(5, traffic.defaults().rps()))))));
        add(all, new Scenario("error-storm", "30% of /process fail for 3 minutes (HighErrorRatio)",
                List.of(new Scenario.Phase(Duration.ofMinutes(3),
                        s -> s.withProcess(s.process().withFailureRate(0.30)), ScenarioCatalogue::busy))));
        add(all, new Scenario("latency-spike", "/process slows to a 800 ms median, 4 s p99 for 3 minutes (HighLatencyP95)",
                List.of(new Scenario.Phase(Duration.ofMinutes(3),
                        s -> s.withProcess(s.process().withLatency(LatencySettings.logNormal(800, 4000))),
                        ScenarioCatalogue::busy))));
        add(all, new Scenario("log-flood", "Mostly /generate_logs bursts of 200 events, heavy on WARN and ERROR, for 2 minutes",
                List.of(new Scenario.Phase(Duration.ofMinutes(2),
                        s -> s.withGenerateLogs(s.generateLogs().withLevels(floodLevels())),
                        t -> busy(t).withLogCount(200).withMix(mix(TrafficKind.PROCESS, 1, TrafficKind.GENERATE_LOGS, 9))))));
        add(all, new Scenario("outage", "Scrapes answer 503 and every /process fails for 2 minutes (ServiceDown)",
                List.of(new Scenario.Phase(Duration.ofMinutes(2),
                        s -> s.withProcess(s.process().withFailureRate(1.0)), ScenarioCatalogue::busy, true))));
        add(all, new Scenario("availability-burn", "25% of /process fail for 45 minutes: burns the availability error budget "
                + "fast enough to page (AvailabilityBudgetBurn)",
                List.of(new Scenario.Phase(Duration.ofMinutes(45),
                        s -> s.withProcess(s.process().withFailureRate(0.25)), ScenarioCatalogue::busy))));
        add(all, new Scenario("latency-burn", "/process slows to a 1.2 s median for 45 minutes: burns the latency error "
                + "budget fast enough to page (LatencyBudgetBurn)",
                List.of(new Scenario.Phase(Duration.ofMinutes(45),
                        s -> s.withProcess(s.process().withLatency(LatencySettings.logNormal(1200, 5000))),
                        ScenarioCatalogue::busy))));
        // Incidents that travel: another service misbehaves, this one's alerts fire (only where the target is known).
        if (remote.knows("payments")) {
            add(all, new Scenario("payments-latency", "payments slows to a 900 ms median, 4 s p99 for 3 minutes: "
                    + "checkout's latency alert fires (HighLatencyP95 on checkout)",
                    List.of(new Scenario.Phase(Duration.ofMinutes(3),
                            s -> s.withProcess(s.process().withLatency(LatencySettings.logNormal(900, 4000))),
                            ScenarioCatalogue::busy)), "payments"));
        }
        if (remote.knows("inventory")) {
            add(all, new Scenario("inventory-errors", "30% of inventory's /process fail for 3 minutes: checkout "
                    + "answers 502 naming inventory (HighErrorRatio on checkout and inventory)",
                    List.of(new Scenario.Phase(Duration.ofMinutes(3),
                            s -> s.withProcess(s.process().withFailureRate(0.30)), ScenarioCatalogue::busy)),
                    "inventory"));
        }
        return all;
    }

    static Optional<Scenario> find(Map<String, Scenario> all, String name) {
        return Optional.ofNullable(all.get(name));
    }

    private static void add(Map<String, Scenario> all, Scenario scenario) {
        all.put(scenario.name(), scenario);
    }

    private static TrafficSettings busy(TrafficSettings t) {
        return t.withRps(Math.max(MIN_RPS, t.rps()));
    }

    private static Map<TrafficKind, Integer> mix(TrafficKind a, int wa, TrafficKind b, int wb) {
        Map<TrafficKind, Integer> mix = new EnumMap<>(TrafficKind.class);
        mix.put(a, wa);
        mix.put(b, wb);
        return mix;
    }

    private static Map<Level, Integer> floodLevels() {
        Map<Level, Integer> levels = new EnumMap<>(Level.class);
        levels.put(Level.DEBUG, 10);
        levels.put(Level.INFO, 40);
        levels.put(Level.WARN, 30);
        levels.put(Level.ERROR, 20);
        return levels;
    }
}
