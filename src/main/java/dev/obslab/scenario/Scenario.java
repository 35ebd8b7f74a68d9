package dev.obslab.scenario;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.obslab.settings.SimulatorSettings;
import dev.obslab.traffic.TrafficSettings;

/**
 * A named, timed sequence of phases. Each phase derives the simulator and traffic settings from those in force when
 * the scenario started (the baseline), which come back when it ends or is stopped. A scenario with a {@code target}
 * changes that other service's simulator settings instead of this one's, through its API (traffic stays local: the
 * incident travels back through the calls).
 */
public record Scenario(String name, String description, List<Phase> phases, String target) {

    public Scenario(String name, String description, List<Phase> phases) {
        this(name, description, phases, null);
    }

    public record Phase(Duration duration, UnaryOperator<SimulatorSettings> simulator,
            UnaryOperator<TrafficSettings> traffic, boolean scrapeOutage) {

        public Phase(Duration duration, UnaryOperator<SimulatorSettings> simulator, UnaryOperator<TrafficSettings> traffic) {
            this(duration, simulator, traffic, false);
        }
    }

    public Duration duration() {
        return phases.stream().map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
    }
}
