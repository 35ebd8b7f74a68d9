package dev.obslab.scenario;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.jboss.logging.Logger;

import dev.obslab.scenario.FaultTimeline.StartedBy;
import dev.obslab.settings.SettingsStore;
import dev.obslab.settings.SimulatorSettings;
import dev.obslab.telemetry.Correlation;
import dev.obslab.telemetry.ScrapeOutage;
import dev.obslab.traffic.TrafficGenerator;
import dev.obslab.traffic.TrafficMetrics;
import dev.obslab.traffic.TrafficSettings;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Runs one scenario at a time: applies its phases on a timer and, when it ends, is stopped or the service shuts down,
 * restores the simulator and traffic settings that were in force when it started (another service's too), and
 * records the fault window in the {@link FaultTimeline}.
 */
@ApplicationScoped
public class ScenarioRunner {

    private static final Logger LOG = Logger.getLogger(ScenarioRunner.class);
    static final String SOURCE = "scenario";

    private record State(Scenario scenario, Running running, SimulatorSettings baseline, TrafficSettings baselineTraffic,
            long timer, int phase, long window, TargetService target) {
    }

    private final Map<String, Scenario> catalogue;
    private final SettingsStore simulator;
    private final TrafficGenerator traffic;
    private final ScrapeOutage outage;
    private final Vertx vertx;
    private final RemoteServices remote;
    private final FaultTimeline timeline;
    private final double timeScale;
    private State state;

    public ScenarioRunner(SettingsStore simulator, TrafficGenerator traffic, ScrapeOutage outage, TrafficMetrics metrics,
            Vertx vertx, ScenariosConfig config, RemoteServices remote, FaultTimeline timeline) {
        this.remote = remote;
        this.timeline = timeline;
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
    public synchronized Optional<Running> start(Scenario scenario, StartedBy by) {
        if (state != null) {
            return Optional.empty();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Running running = new Running(scenario.name(), now, now.plus(scaled(scenario.duration())));
        long window = timeline.open(scenario.name(),
                scenario.target() == null ? Correlation.service() : scenario.target(), by, now);
        TargetService target = scenario.target() == null ? null
                : new TargetService(remote, timeline, scenario.name(), scenario.target(), window);
        state = new State(scenario, running, simulator.settings(), traffic.settings(), -1, 0, window, target);
        FaultTimeline.log(LOG, "scenario.started", scenario.name(), "Scenario %s started: %s (until %s)", scenario.name(),
                scenario.description(), running.endsAt());
        enterPhase(0);
        return Optional.of(running);
    }

    /** Stops the running scenario and restores the settings; empty if none was running. */
    public synchronized Optional<Running> stop() {
        return stop("stopped");
    }

    /** Stops the running scenario, the window closed as {@code how} (stopped, aborted, ...). */
    public synchronized Optional<Running> stop(String how) {
        if (state == null) {
            return Optional.empty();
        }
        Running running = state.running();
        vertx.cancelTimer(state.timer());
        end(how);
        return Optional.of(running);
    }

    /** The window of the running scenario, if one runs. */
    public synchronized Optional<Long> window() {
        return Optional.ofNullable(state).map(State::window);
    }

    /**
     * SIGTERM: no fault outlives the service, here or on the service a scenario changed (bounded wait). At the start of
     * the shutdown delay, while the REST clients still run (by the ShutdownEvent they are closed); on ShutdownEvent
     * where there is no delay.
     */
    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        onShutdown(null);
    }

    void onShutdown(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ShutdownEvent event) {
        Uni<Void> restored;
        synchronized (this) {
            if (state == null) {
                return;
            }
            vertx.cancelTimer(state.timer());
            restored = end("shutdown");
        }
        try {
            restored.await().atMost(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.warnf("Scenario stopped at shutdown, but another service's settings were not restored: %s", e.getMessage());
        }
    }

    private void enterPhase(int index) {
        Scenario.Phase phase = state.scenario().phases().get(index);
        if (state.scenario().target() == null) {
            SimulatorSettings changed = phase.simulator().apply(state.baseline());
            timeline.changed(state.window(), Correlation.service(), "", state.baseline(), changed);
            simulator.replace(changed, SOURCE);
        }
        TrafficSettings changedTraffic = phase.traffic().apply(state.baselineTraffic());
        timeline.changed(state.window(), Correlation.service(), "traffic.", state.baselineTraffic(), changedTraffic);
        traffic.replace(changedTraffic, SOURCE);
        outage.set(phase.scrapeOutage());
        long millis = Math.max(1, scaled(phase.duration()).toMillis());
        Scenario current = state.scenario();
        long timer = vertx.setTimer(millis, id -> phaseOver(current, index));
        state = new State(state.scenario(), state.running(), state.baseline(), state.baselineTraffic(), timer, index,
                state.window(), state.target());
        if (state.target() != null) {
            state.target().enter(phase);
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

    /** Restores everything; completes when another service's settings are back too. */
    private Uni<Void> end(String how) {
        State ended = state;
        state = null;
        outage.set(false);
        Uni<Void> restored = Uni.createFrom().voidItem();
        if (ended.target() == null) {
            simulator.replace(ended.baseline(), SOURCE);
        } else {
            restored = ended.target().restore();
        }
        traffic.replace(ended.baselineTraffic(), SOURCE);
        timeline.close(ended.window(), how);
        FaultTimeline.log(LOG, "scenario.ended", ended.scenario().name(), "Scenario %s %s; settings restored", ended.scenario().name(), how);
        return restored;
    }

    private Duration scaled(Duration d) {
        return Duration.ofNanos((long) (d.toNanos() * timeScale));
    }
}
