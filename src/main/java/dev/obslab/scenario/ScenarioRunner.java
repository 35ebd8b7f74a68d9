package dev.obslab.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import dev.obslab.settings.SettingsStore;
import dev.obslab.settings.SimulatorSettings;
import dev.obslab.telemetry.ScrapeOutage;
import dev.obslab.traffic.TrafficGenerator;
import dev.obslab.traffic.TrafficMetrics;
import dev.obslab.traffic.TrafficSettings;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs one scenario at a time: applies its phases on a timer and, when it ends or is stopped, restores the simulator
 * and traffic settings that were in force when it started.
 */
@ApplicationScoped
public class ScenarioRunner {

    private static final Logger LOG = Logger.getLogger(ScenarioRunner.class);
    static final String SOURCE = "scenario";

    /** The running scenario, as the API shows it. */
    @RegisterForReflection
    public record Running(String name, Instant startedAt, Instant endsAt) {
    }

    private record State(Scenario scenario, Running running, SimulatorSettings baseline, TrafficSettings baselineTraffic,
            long timer, int phase) {
    }

    private final Map<String, Scenario> catalogue;
    private final SettingsStore simulator;
    private final TrafficGenerator traffic;
    private final ScrapeOutage outage;
    private final Vertx vertx;
    private final RemoteServices remote;
    private final double timeScale;
    private State state;
    /** The target service's settings when a scenario with a target started: they come back when it ends. */
    private SimulatorSettings remoteBaseline;

    public ScenarioRunner(SettingsStore simulator, TrafficGenerator traffic, ScrapeOutage outage, TrafficMetrics metrics,
            Vertx vertx, ScenariosConfig config, RemoteServices remote) {
        this.remote = remote;
        this.simulator = simulator;
        this.traffic = traffic;
        this.outage = outage;
        this.vertx = vertx;
        this.timeScale = config.timeScale();
        this.catalogue = ScenarioCatalogue.of(simulator, traffic, remote);
        metrics.bindScenarios(catalogue.keySet(), () -> running().map(Running::name).orElse(null));
    }

    public Collection<Scenario> scenarios() {
        return catalogue.values();
    }

    public Optional<Scenario> find(String name) {
        return ScenarioCatalogue.find(catalogue, name);
    }

    public synchronized Optional<Running> running() {
        return Optional.ofNullable(state).map(State::running);
    }

    /** Starts a scenario; empty if another one is running (stop it first). */
    public synchronized Optional<Running> start(Scenario scenario) {
        if (state != null) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Running running = new Running(scenario.name(), now, now.plus(scaled(scenario.duration())));
        state = new State(scenario, running, simulator.settings(), traffic.settings(), -1, 0);
        remoteBaseline = null;
        log("scenario.started", scenario.name(), "Scenario %s started: %s (until %s)", scenario.name(),
                scenario.description(), running.endsAt());
        enterPhase(0);
        if (scenario.target() != null) {
            // the target's settings now are the baseline its phases derive from, and what comes back at the end
            remote.settings(scenario.target()).subscribe().with(
                    settings -> remoteBaselineArrived(scenario, settings),
                    failure -> LOG.warnf("Scenario %s: cannot read the settings of %s: %s", scenario.name(),
                            scenario.target(), failure.getMessage()));
        }
        return Optional.of(running);
    }

    /** Stops the running scenario and restores the settings; empty if none was running. */
    public synchronized Optional<Running> stop() {
        if (state == null) {
            return Optional.empty();
        }
        Running running = state.running();
        vertx.cancelTimer(state.timer());
        end("stopped");
        return Optional.of(running);
    }

    private synchronized void remoteBaselineArrived(Scenario scenario, SimulatorSettings settings) {
        if (state == null || state.scenario() != scenario) {
            return; // stopped meanwhile: nothing was changed there
        }
        remoteBaseline = settings;
        applyRemote(state.scenario().phases().get(state.phase()));
    }

    private void applyRemote(Scenario.Phase phase) {
        String target = state.scenario().target();
        String name = state.scenario().name();
        remote.replace(target, phase.simulator().apply(remoteBaseline)).subscribe().with(
                done -> LOG.infof("Scenario %s: settings of %s changed", name, target),
                failure -> LOG.warnf("Scenario %s: cannot change the settings of %s: %s", name, target,
                        failure.getMessage()));
    }

    private void enterPhase(int index) {
        Scenario.Phase phase = state.scenario().phases().get(index);
        if (state.scenario().target() == null) {
            simulator.replace(phase.simulator().apply(state.baseline()), SOURCE);
        }
        traffic.replace(phase.traffic().apply(state.baselineTraffic()), SOURCE);
        outage.set(phase.scrapeOutage());
        long millis = Math.max(1, scaled(phase.duration()).toMillis());
        Scenario current = state.scenario();
        long timer = vertx.setTimer(millis, id -> phaseOver(current, index));
        state = new State(state.scenario(), state.running(), state.baseline(), state.baselineTraffic(), timer, index);
        if (current.target() != null && remoteBaseline != null) {
            applyRemote(phase);
        }
    }

    private synchronized void phaseOver(Scenario scenario, int index) {
        if (state == null || state.scenario() != scenario) {
            return; // stopped meanwhile
        }
        if (index + 1 < scenario.phases().size()) {
            enterPhase(index + 1);
        } else {
            end("completed");
        }
    }

    private void end(String how) {
        State ended = state;
        state = null;
        outage.set(false);
        if (ended.scenario().target() == null) {
            simulator.replace(ended.baseline(), SOURCE);
        } else if (remoteBaseline != null) {
            String target = ended.scenario().target();
            remote.replace(target, remoteBaseline).subscribe().with(
                    done -> LOG.infof("Scenario %s: settings of %s restored", ended.scenario().name(), target),
                    failure -> LOG.warnf("Scenario %s: cannot restore the settings of %s: %s",
                            ended.scenario().name(), target, failure.getMessage()));
            remoteBaseline = null;
        }
        traffic.replace(ended.baselineTraffic(), SOURCE);
        log("scenario.ended", ended.scenario().name(), "Scenario %s %s; settings restored", ended.scenario().name(), how);
    }

    private Duration scaled(Duration d) {
        return Duration.ofNanos((long) (d.toNanos() * timeScale));
    }

    private static void log(String event, String scenario, String format, Object... args) {
        MDC.put("event", event);
        MDC.put("scenario", scenario);
        try {
            LOG.infof(format, args);
        } finally {
            MDC.remove("event");
            MDC.remove("scenario");
        }
    }
}
