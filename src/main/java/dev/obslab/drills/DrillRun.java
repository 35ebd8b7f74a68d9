package dev.obslab.drills;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One run of a drill: its phase, times and verdict, and the judge's bookkeeping. Guarded by {@link DrillRunner}. */
final class DrillRun {

    enum Phase {
        /** The scenario runs; the run waits for every expected alert to fire and be notified. */
        FAULT,
        /** The fault has ended; the run waits for the alerts to resolve. */
        RESOLVING,
        DONE
    }

    final String id;
    final Drill drill;
    final Instant startedAt;
    final Instant deadlineAt;
    Phase phase = Phase.FAULT;
    String status = "running";
    String reason;
    Instant faultStartedAt;
    Instant faultEndedAt;
    Instant endedAt;
    Long windowId;
    DrillJudge judge;
    /** The last time Prometheus answered (or the start): how long it has been unreachable. */
    Instant lastReached;
    /** A read of the alerts is on its way: the next tick waits rather than pile reads up on a slow Prometheus. */
    boolean polling;

    DrillRun(String id, Drill drill, Instant startedAt) {
        this.id = id;
        this.drill = drill;
        this.startedAt = startedAt;
        this.deadlineAt = startedAt.plus(Duration.ofSeconds(drill.deadlineSeconds()));
        this.lastReached = startedAt;
    }

    /** What the run does next: end the fault, end with a result and reason, or wait ({@code none}). */
    record Next(boolean endFault, String result, String reason) {
        static final Next WAIT = new Next(false, null, null);

        static Next end(String result, String reason) {
            return new Next(false, result, reason);
        }
    }

    /** The verdict logic, given the time and whether the drill's scenario still runs. */
    Next next(Instant now, boolean faultRunning) {
        java.util.Optional<String> forbidden = judge.forbiddenFired();
        if (forbidden.isPresent()) {
            return Next.end(DrillMetrics.FAILED, "A forbidden alert fired: " + forbidden.get());
        }
        if (now.isAfter(deadlineAt)) {
            String missing = judge.missing();
            return Next.end(DrillMetrics.FAILED, "The deadline (" + drill.deadlineSeconds() + " s) passed: "
                    + (missing.isEmpty() ? "the alerts had not resolved" : missing));
        }
        if (drill.expect().isEmpty()) {
            return now.isBefore(faultStartedAt.plusSeconds(drill.holdSeconds())) ? Next.WAIT
                    : Next.end(DrillMetrics.PASSED, "Nothing forbidden fired in " + drill.holdSeconds() + " s");
        }
        if (phase == Phase.FAULT && (judge.detected() || !faultRunning)) {
            return new Next(true, null, null);
        }
        if (phase == Phase.RESOLVING && judge.detected() && judge.resolved()) {
            return Next.end(DrillMetrics.PASSED, "Every expected alert fired, was notified and resolved");
        }
        return Next.WAIT;
    }

    void end(String result, String why, Instant at) {
        phase = Phase.DONE;
        status = result;
        reason = why;
        endedAt = at;
    }

    DrillReport report() {
        return new DrillReport(id, drill.name(), drill.scenario(), drill.service(), status, reason,
                phase == Phase.DONE ? null : phase.name().toLowerCase(), startedAt, faultStartedAt, faultEndedAt,
                endedAt, deadlineAt, windowId, drill.expect(), drill.forbid(),
                judge == null ? drill.expect().stream().map(DrillRun::notSeen).toList() : judge.expectedReports(),
                judge == null ? List.of() : judge.unexpectedReports());
    }

    private static AlertReport notSeen(AlertMatcher m) {
        return new AlertReport(m.alert(), m.labels(), true, false, null, null, null, null, null, null, null);
    }
}
