package dev.obslab.drills;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code simulator_drill_runs_total{drill, result}} (passed, failed, aborted; every drill's series made at start-up,
 * so a first failure is an increase from 0) and {@code simulator_drill_detection_seconds{drill, alert, stage}}, the
 * seconds from a fault's start until an expected alert fired ({@code stage="firing"}) or reached the lab
 * ({@code stage="notified"}). The alert label is a name the catalogue expects, or {@code other} for alerts a run's
 * body asked for: the series stay few.
 */
@Startup // the series exist from start-up, before anyone touches the drills API
@ApplicationScoped
class DrillMetrics {

    static final String PASSED = "passed";
    static final String FAILED = "failed";
    static final String ABORTED = "aborted";
    /** Bucket bounds: drills take minutes (a rule's for: plus evaluation, group_wait and the scrape interval). */
    private static final double[] BOUNDS = { 15, 30, 60, 90, 120, 150, 180, 240, 300, 420, 600, 900 };

    private final MeterRegistry registry;
    private Set<String> knownAlerts = Set.of();

    DrillMetrics(MeterRegistry registry, DrillCatalogue catalogue) {
        this.registry = registry;
        bind(catalogue.all());
    }

    private void bind(Collection<Drill> drills) {
        knownAlerts = drills.stream().flatMap(d -> d.expect().stream()).map(AlertMatcher::alert)
                .filter(a -> a != null).collect(java.util.stream.Collectors.toUnmodifiableSet());
        for (Drill drill : drills) {
            for (String result : new String[] { PASSED, FAILED, ABORTED }) {
                runs(drill.name(), result);
            }
        }
    }

    void ended(String drill, String result) {
        runs(drill, result).increment();
    }

    void detected(String drill, String alert, String stage, Duration fromFault) {
        DistributionSummary.builder("simulator.drill.detection").baseUnit("seconds")
                .description("Seconds from a drill's fault start until an expected alert fired or was notified")
                .serviceLevelObjectives(BOUNDS)
                .tag("drill", drill).tag("alert", knownAlerts.contains(alert) ? alert : "other").tag("stage", stage)
                .register(registry).record(fromFault.toMillis() / 1000.0);
    }

    private Counter runs(String drill, String result) {
        return Counter.builder("simulator.drill.runs").description("Alert drill runs, by drill and result")
                .tag("drill", drill).tag("result", result).register(registry);
    }
}
