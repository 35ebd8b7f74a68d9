package dev.obslab.drills;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.obslab.drills.DrillRun.Phase;
import dev.obslab.http.problem.ProblemException;
import dev.obslab.http.problem.ProblemTypes;
import dev.obslab.scenario.FaultTimeline;
import dev.obslab.scenario.Running;
import dev.obslab.scenario.ScenarioRunner;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Runs one drill at a time: checks that Prometheus and Alertmanager answer and know the expected alerts, starts the
 * scenario, reads the alert states every {@code simulator.drills.poll-interval}, ends the fault once every expected
 * alert fired and was notified, waits for resolution, and judges. Every way out (verdict, deadline, abort, an
 * unreachable Prometheus, shutdown) ends the scenario, which restores the settings and closes its window.
 */
@ApplicationScoped
public class DrillRunner {

    private final DrillHistory history;
    private final ScenarioRunner scenarios;
    private final FaultTimeline timeline;
    private final AlertBackends backends;
    private final DrillSignals signals;
    private final Vertx vertx;
    private final DrillsConfig config;
    private DrillRun active;
    private long timer = -1;

    public DrillRunner(ScenarioRunner scenarios, FaultTimeline timeline, AlertBackends backends, DrillSignals signals,
            DrillHistory history, Vertx vertx, DrillsConfig config) {
        this.history = history;
        this.scenarios = scenarios;
        this.timeline = timeline;
        this.backends = backends;
        this.signals = signals;
        this.vertx = vertx;
        this.config = config;
    }

    public synchronized List<DrillReport> runs() {
        return history.all().stream().map(DrillRun::report).toList();
    }

    public synchronized Optional<DrillReport> running() {
        return Optional.ofNullable(active).map(DrillRun::report);
    }

    public synchronized Optional<DrillReport> run(String id) {
        return history.find(id).map(DrillRun::report);
    }

    /**
     * Starts a drill; answers the run, already failed when an expected alert has no rule or is active before the
     * fault. 409 while a drill or scenario runs; 503, with nothing changed, when a backend does not answer.
     */
    public DrillReport start(Drill drill) {
        refuseWhileBusy();
        AlertBackends.Preflight preflight = backends.preflight();
        synchronized (this) {
            refuseWhileBusy();
            DrillRun run = new DrillRun(UUID.randomUUID().toString(), drill, now());
            history.add(run);
            signals.started(run);
            Optional<String> cannot = preflight.cannotDrill(drill, backends.prometheusUrl());
            if (cannot.isPresent()) {
                finish(run, DrillMetrics.FAILED, cannot.get());
                return run.report();
            }
            Running running = scenarios.start(scenarios.find(drill.scenario()).orElseThrow(),
                    FaultTimeline.StartedBy.DRILL).orElseThrow(this::busy);
            run.faultStartedAt = running.startedAt();
            run.windowId = scenarios.window().orElse(null);
            run.judge = new DrillJudge(drill, running.startedAt(), preflight.active());
            active = run;
            timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> poll(run));
            return run.report();
        }
    }

    /** Aborts the running drill of that id, restoring the settings; empty if no such run, 409 if it has ended. */
    public synchronized Optional<DrillReport> abort(String id) {
        Optional<DrillRun> run = history.find(id);
        if (run.isPresent() && run.get() != active) {
            throw new ProblemException(409, ProblemTypes.DRILL_CONFLICT, "The drill run has ended", "Run " + id
                    + " ended (" + run.get().status + "); there is nothing to abort", null);
        }
        run.ifPresent(r -> finish(r, DrillMetrics.ABORTED, "Aborted with DELETE /api/drills/runs/" + id));
        return run.map(DrillRun::report);
    }

    /** Alertmanager's webhook: each alert in it, for the running drill. Answers how many were read. */
    public synchronized int notified(AlertmanagerWebhook payload) {
        Instant now = now();
        if (active != null) {
            for (AlertmanagerWebhook.Alert alert : payload.alerts()) {
                active.judge.notified(now, alert.status(), alert.labels().getOrDefault("alertname", ""),
                        alert.labels()).forEach(t -> signals.transition(active, t));
            }
        }
        signals.notification(payload, active);
        return payload.alerts().size();
    }

    /** SIGTERM: after the scenario runner put the settings back (it observes first), the run ends as aborted. */
    synchronized void onShutdown(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) ShutdownEvent event) {
        if (active != null) {
            finish(active, DrillMetrics.ABORTED, "The service shut down (SIGTERM) during the drill");
        }
    }

    private void poll(DrillRun run) {
        synchronized (this) {
            if (active != run || run.polling) {
                return;
            }
            run.polling = true;
        }
        backends.activeAlerts().whenComplete((alerts, failure) -> observed(run, alerts, failure));
    }

    private synchronized void observed(DrillRun run, List<AlertSample> alerts, Throwable failure) {
        run.polling = false;
        if (active != run) {
            return;
        }
        Instant now = now();
        if (failure != null) {
            if (Duration.between(run.lastReached, now).compareTo(config.unreachableAfter()) > 0) {
                finish(run, DrillMetrics.FAILED, "Prometheus at " + backends.prometheusUrl() + " has not answered since "
                        + run.lastReached + ": " + failure.getMessage());
            }
            return;
        }
        run.lastReached = now;
        run.judge.observe(now, alerts).forEach(t -> signals.transition(run, t));
        judge(run, now);
    }

    private void judge(DrillRun run, Instant now) {
        DrillRun.Next next = run.next(now, scenarios.window().filter(w -> w.equals(run.windowId)).isPresent());
        if (next.result() != null) {
            finish(run, next.result(), next.reason());
        } else if (next.endFault()) {
            endFault(run, "stopped");
            run.phase = Phase.RESOLVING;
        }
    }

    private void endFault(DrillRun run, String how) {
        if (run.faultEndedAt != null || run.windowId == null) {
            return;
        }
        if (scenarios.window().filter(run.windowId::equals).isPresent()) {
            scenarios.stop(how);
        }
        FaultTimeline.Window window = timeline.find(run.windowId);
        run.faultEndedAt = window != null && window.endedAt() != null ? window.endedAt() : now();
    }

    private void finish(DrillRun run, String result, String reason) {
        endFault(run, DrillMetrics.ABORTED.equals(result) ? "aborted" : "stopped");
        run.end(result, reason, now());
        if (active == run) {
            active = null;
            vertx.cancelTimer(timer);
        }
        signals.ended(run);
    }

    private void refuseWhileBusy() {
        if (active != null || scenarios.running().isPresent()) {
            throw busy();
        }
    }

    private ProblemException busy() {
        String what = active != null ? "Drill '" + active.drill.name() + "' is running (run " + active.id
                + "); abort it with DELETE /api/drills/runs/" + active.id
                : "Scenario '" + scenarios.running().map(Running::name).orElse("?")
                        + "' is running; stop it first with DELETE /api/scenarios/active";
        return new ProblemException(409, ProblemTypes.DRILL_CONFLICT, "A drill or scenario is running", what, null);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
