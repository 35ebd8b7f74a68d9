package dev.obslab.drills;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import dev.obslab.drills.DrillJudge.Transition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a drill tells the world as it goes: one log line per transition ({@code event=drill.transition}: an alert
 * went pending, firing, notified, resolved), one when a run starts and ends, one per webhook; and the metrics.
 */
@ApplicationScoped
class DrillSignals {

    private static final Logger LOG = Logger.getLogger(DrillSignals.class);

    private final DrillMetrics metrics;

    DrillSignals(DrillMetrics metrics) {
        this.metrics = metrics;
    }

    void started(DrillRun run) {
        log(run, "drill.started", Map.of(), "Drill %s started (run %s): scenario %s on %s, expects %s, forbids %s, "
                + "deadline %d s", run.drill.name(), run.id, run.drill.scenario(), run.drill.service(),
                run.drill.expect(), run.drill.forbid(), run.drill.deadlineSeconds());
    }

    void transition(DrillRun run, Transition t) {
        log(run, "drill.transition", Map.of("alert", t.alert(), "stage", t.stage(),
                "secondsFromFault", String.valueOf(t.secondsFromFault())),
                "Drill %s: %s%s %s at %s, %s s after the fault started (%s)", run.drill.name(), t.alert(),
                new TreeMap<>(t.labels()), t.stage(), t.at(), t.secondsFromFault(),
                t.expected() ? "expected" : "not expected");
        if (t.expected() && ("firing".equals(t.stage()) || "notified".equals(t.stage()))) {
            metrics.detected(run.drill.name(), t.alert(), t.stage(), Duration.between(run.faultStartedAt, t.at()));
        }
    }

    void notification(AlertmanagerWebhook payload, DrillRun active) {
        LOG.debugf("Alertmanager webhook: %s, %d alert(s), receiver %s%s", payload.status(), payload.alerts().size(),
                payload.receiver(), active == null ? " (no drill running)" : " (drill run " + active.id + ")");
    }

    void ended(DrillRun run) {
        metrics.ended(run.drill.name(), run.status);
        log(run, "drill.ended", Map.of("result", run.status), "Drill %s %s (run %s): %s", run.drill.name(),
                run.status, run.id, run.reason);
    }

    private static void log(DrillRun run, String event, Map<String, String> fields, String format, Object... args) {
        MDC.put("event", event);
        MDC.put("drill", run.drill.name());
        MDC.put("drillRunId", run.id);
        fields.forEach(MDC::put);
        try {
            if ("drill.ended".equals(event) && !DrillMetrics.PASSED.equals(run.status)) {
                LOG.warnf(format, args);
            } else {
                LOG.infof(format, args);
            }
        } finally {
            MDC.remove("event");
            MDC.remove("drill");
            MDC.remove("drillRunId");
            fields.keySet().forEach(MDC::remove);
        }
    }
}
