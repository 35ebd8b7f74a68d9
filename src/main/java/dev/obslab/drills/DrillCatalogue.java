package dev.obslab.drills;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import dev.obslab.scenario.RemoteServices;
import dev.obslab.scenario.ScenarioRunner;
import dev.obslab.telemetry.Correlation;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The built-in drills, on the project's own alert rules as they are (observability/prometheus/rules): their
 * {@code for:} durations decide how long a drill takes, never the other way round. A drill whose scenario does not
 * exist here (the cross-service ones, where the other service is not configured) is left out.
 */
@ApplicationScoped
public class DrillCatalogue {

    static final String HIGH_ERROR_RATIO = "ObservabilityLabHighErrorRatio";
    static final String HIGH_LATENCY_P95 = "ObservabilityLabHighLatencyP95";
    static final String AVAILABILITY_BURN = "ObservabilityLabAvailabilityBudgetBurn";
    static final String LATENCY_BURN = "ObservabilityLabLatencyBudgetBurn";
    static final String SERVICE_DOWN = "ObservabilityLabServiceDown";

    private final Map<String, Drill> drills = new LinkedHashMap<>();

    DrillCatalogue(ScenarioRunner scenarios, RemoteServices remote) {
        of(Correlation.service(), name -> scenarios.find(name).isPresent(), remote::knows)
                .forEach(d -> drills.put(d.name(), d));
    }

    public List<Drill> all() {
        return List.copyOf(drills.values());
    }

    public Optional<Drill> find(String name) {
        return Optional.ofNullable(drills.get(name));
    }

    /**
     * @param service this instance's service name
     * @param scenarioExists which scenarios run here
     * @param knownService which other services a scenario started here can change
     */
    static List<Drill> of(String service, Predicate<String> scenarioExists, Predicate<String> knownService) {
        List<Drill> all = new ArrayList<>();
        all.add(new Drill("error-storm", "30% of /process fail: the error-ratio alert must fire; no latency alert may. "
                + "(The fast availability burn fires too on a stack with little history: its 1 h window; availability-page "
                + "drills it on any stack)", "error-storm", service,
                List.of(AlertMatcher.of(HIGH_ERROR_RATIO, "service", service)),
                List.of(AlertMatcher.of(HIGH_LATENCY_P95, "service", service),
                        AlertMatcher.of(LATENCY_BURN, "service", service), AlertMatcher.of(SERVICE_DOWN)),
                600, 0));
        all.add(new Drill("latency-spike", "/process slows to a 800 ms median: the p95 alert must fire; no error alert may",
                "latency-spike", service, List.of(AlertMatcher.of(HIGH_LATENCY_P95, "service", service)),
                List.of(AlertMatcher.of(HIGH_ERROR_RATIO, "service", service),
                        AlertMatcher.of(AVAILABILITY_BURN, "service", service), AlertMatcher.of(SERVICE_DOWN)),
                600, 0));
        // The pages: a 1 h window above 14.4x the budget takes a sustained fault (about 35 minutes of 25% errors on a
        // stack with an hour of good traffic, minutes on a new one), so these run the long scenarios.
        all.add(new Drill("availability-page", "25% of /process fail until the fast availability burn pages",
                "availability-burn", service,
                List.of(AlertMatcher.of(AVAILABILITY_BURN, "service", service, "severity", "page")),
                List.of(AlertMatcher.of(LATENCY_BURN, "service", service), AlertMatcher.of(SERVICE_DOWN)), 3000, 0));
        all.add(new Drill("latency-page", "/process slows to a 1.2 s median until the fast latency burn pages",
                "latency-burn", service,
                List.of(AlertMatcher.of(LATENCY_BURN, "service", service, "severity", "page")),
                List.of(AlertMatcher.of(AVAILABILITY_BURN, "service", service), AlertMatcher.of(SERVICE_DOWN)),
                3000, 0));
        if (scenarioExists.test("inventory-errors")) {
            List<AlertMatcher> quiet = new ArrayList<>(List.of(AlertMatcher.of(SERVICE_DOWN)));
            if (knownService.test("payments")) {
                quiet.add(AlertMatcher.of(HIGH_ERROR_RATIO, "service", "payments"));
            }
            all.add(new Drill("downstream-outage", "30% of inventory's /process fail: inventory's and " + service
                    + "'s error-ratio alerts must fire (the failure travels back through the calls); payments must "
                    + "stay quiet", "inventory-errors", "inventory",
                    List.of(AlertMatcher.of(HIGH_ERROR_RATIO, "service", "inventory"),
                            AlertMatcher.of(HIGH_ERROR_RATIO, "service", service)),
                    quiet, 600, 0));
        }
        all.add(new Drill("scrape-outage", "Scrapes of this service answer 503: the service-down alert must fire and "
                + "resolve once scrapes succeed again", "outage", service,
                List.of(AlertMatcher.of(SERVICE_DOWN)), List.of(), 420, 0));
        all.add(new Drill("quiet", "Steady default traffic for 3 minutes: no alert of this service may fire",
                "steady", service, List.of(),
                List.of(new AlertMatcher(null, Map.of("service", service)), AlertMatcher.of(SERVICE_DOWN)),
                300, 180));
        return all.stream().filter(d -> scenarioExists.test(d.scenario())).toList();
    }
}
