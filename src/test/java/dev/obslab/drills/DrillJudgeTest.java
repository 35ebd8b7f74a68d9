package dev.obslab.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Verdicts from fixed sequences: what Prometheus showed and Alertmanager delivered, at fixed times, in; the state of
 * each alert, the transitions, what is missing and the run's next step out. No clock, no I/O.
 */
class DrillJudgeTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Map<String, String> CHECKOUT = Map.of("service", "checkout", "severity", "warning");
    private static final Drill STORM = new Drill("error-storm", "", "error-storm", "checkout",
            List.of(AlertMatcher.of("HighErrorRatio", "service", "checkout")),
            List.of(AlertMatcher.of("HighLatency", "service", "checkout")), 600, 0);

    private static AlertSample alert(String name, Map<String, String> labels, String state, int activeAtSecond) {
        return new AlertSample(name, labels, state, T0.plusSeconds(activeAtSecond));
    }

    private static Instant at(int second) {
        return T0.plusSeconds(second);
    }

    @Test
    void pendingFiringNotifiedResolvedIsAPassWithMeasuredTimes() {
        DrillJudge judge = new DrillJudge(STORM, T0, List.of());
        assertEquals(List.of("pending"), stages(judge.observe(at(20), List.of(alert("HighErrorRatio", CHECKOUT, "pending", 15)))));
        assertTrue(judge.observe(at(21), List.of(alert("HighErrorRatio", CHECKOUT, "pending", 15))).isEmpty());
        assertEquals(List.of("firing"), stages(judge.observe(at(136), List.of(alert("HighErrorRatio", CHECKOUT, "firing", 15)))));
        assertFalse(judge.detected(), "fired but not notified yet");
        assertEquals(List.of("notified"), stages(judge.notified(at(146), "firing", "HighErrorRatio",
                Map.of("alertname", "HighErrorRatio", "service", "checkout", "severity", "warning", "cluster", "lab"))));
        assertTrue(judge.detected());
        assertFalse(judge.resolved());
        assertEquals(List.of("resolved"), stages(judge.observe(at(200), List.of())));
        assertTrue(judge.resolved());
        assertEquals("", judge.missing());

        AlertReport report = judge.expectedReports().get(0);
        assertEquals(at(15), report.pendingAt(), "pending is Prometheus' own activeAt");
        assertEquals(at(136), report.firingAt());
        assertEquals(at(146), report.notifiedAt());
        assertEquals(at(200), report.resolvedAt());
        assertEquals(136.0, report.detectionSeconds());
        assertEquals(146.0, report.notificationSeconds());
        assertEquals(CHECKOUT, report.labels());
    }

    @Test
    void whatIsMissingIsSaidPerStage() {
        DrillJudge judge = new DrillJudge(STORM, T0, List.of());
        assertTrue(judge.missing().contains("never went pending"), judge.missing());
        judge.observe(at(10), List.of(alert("HighErrorRatio", CHECKOUT, "pending", 10)));
        assertTrue(judge.missing().contains("went pending at " + at(10) + " but never fired"), judge.missing());
        judge.observe(at(130), List.of(alert("HighErrorRatio", CHECKOUT, "firing", 10)));
        assertTrue(judge.missing().contains("no notification reached the lab"), judge.missing());
        judge.notified(at(140), "firing", "HighErrorRatio", Map.of("alertname", "HighErrorRatio", "service", "checkout"));
        assertTrue(judge.missing().contains("did not resolve"), judge.missing());
    }

    @Test
    void alertsOfOtherServicesAndForbiddenOnesAreUnexpectedAndOnlyFiringForbiddenOnesCount() {
        DrillJudge judge = new DrillJudge(STORM, T0, List.of());
        judge.observe(at(30), List.of(alert("HighErrorRatio", Map.of("service", "payments"), "pending", 25),
                alert("HighLatency", Map.of("service", "checkout"), "pending", 28)));
        assertTrue(judge.forbiddenFired().isEmpty(), "pending is not firing");
        assertNull(judge.expectedReports().get(0).pendingAt(), "payments' alert is not checkout's");
        judge.observe(at(150), List.of(alert("HighLatency", Map.of("service", "checkout"), "firing", 28)));
        assertTrue(judge.forbiddenFired().orElseThrow().startsWith("HighLatency{service=checkout} fired at " + at(150)));
        List<AlertReport> unexpected = judge.unexpectedReports();
        assertEquals(2, unexpected.size());
        assertFalse(unexpected.get(0).forbidden());
        assertTrue(unexpected.get(1).forbidden());
        assertEquals(at(150), unexpected.get(1).firingAt());
    }

    @Test
    void alertsActiveBeforeTheFaultAreNotTheDrillsDoing() {
        AlertSample old = alert("HighLatency", Map.of("service", "checkout"), "firing", -600);
        DrillJudge judge = new DrillJudge(STORM, T0, List.of(old));
        assertTrue(judge.observe(at(5), List.of(old)).isEmpty());
        assertTrue(judge.unexpectedReports().isEmpty());
        assertTrue(judge.forbiddenFired().isEmpty());
    }

    @Test
    void aNotificationBeforePrometheusWasReadStillCounts() {
        DrillJudge judge = new DrillJudge(STORM, T0, List.of());
        judge.notified(at(140), "firing", "HighErrorRatio", Map.of("alertname", "HighErrorRatio", "service", "checkout"));
        judge.observe(at(141), List.of(alert("HighErrorRatio", CHECKOUT, "firing", 10)));
        assertTrue(judge.detected());
        assertTrue(judge.notified(at(150), "firing", "HighErrorRatio", Map.of("alertname", "HighErrorRatio",
                "service", "checkout")).isEmpty(), "a repeat notification is not a transition");
        assertEquals(List.of("resolved-notified"), stages(judge.notified(at(260), "resolved", "HighErrorRatio",
                Map.of("alertname", "HighErrorRatio", "service", "checkout"))));
    }

    @Test
    void theRunEndsTheFaultOnceDetectedPassesOnceResolvedAndFailsPastTheDeadline() {
        DrillRun run = running(STORM);
        assertEquals(DrillRun.Next.WAIT, run.next(at(10), true));
        run.judge.observe(at(130), List.of(alert("HighErrorRatio", CHECKOUT, "firing", 10)));
        run.judge.notified(at(140), "firing", "HighErrorRatio", Map.of("alertname", "HighErrorRatio", "service", "checkout"));
        assertTrue(run.next(at(141), true).endFault());
        run.phase = DrillRun.Phase.RESOLVING;
        assertEquals(DrillRun.Next.WAIT, run.next(at(150), false));
        run.judge.observe(at(200), List.of());
        DrillRun.Next pass = run.next(at(201), false);
        assertEquals(DrillMetrics.PASSED, pass.result());

        DrillRun late = running(STORM);
        late.judge.observe(at(100), List.of(alert("HighErrorRatio", CHECKOUT, "pending", 100)));
        DrillRun.Next fail = late.next(at(601), true);
        assertEquals(DrillMetrics.FAILED, fail.result());
        assertTrue(fail.reason().startsWith("The deadline (600 s) passed: ") && fail.reason().contains("never fired"),
                fail.reason());
    }

    @Test
    void aScenarioThatEndedByItselfMovesTheRunToResolving() {
        DrillRun run = running(STORM);
        assertTrue(run.next(at(180), false).endFault());
    }

    @Test
    void aDrillThatExpectsNothingPassesAfterItsHoldUnlessSomethingForbiddenFired() {
        Drill quiet = new Drill("quiet", "", "steady", "checkout", List.of(),
                List.of(new AlertMatcher(null, Map.of("service", "checkout"))), 300, 180);
        DrillRun calm = running(quiet);
        assertEquals(DrillRun.Next.WAIT, calm.next(at(179), true));
        assertEquals(DrillMetrics.PASSED, calm.next(at(180), true).result());

        DrillRun noisy = running(quiet);
        noisy.judge.observe(at(60), List.of(alert("AnyAlert", Map.of("service", "checkout"), "firing", 0)));
        DrillRun.Next fail = noisy.next(at(61), true);
        assertEquals(DrillMetrics.FAILED, fail.result());
        assertTrue(fail.reason().contains("AnyAlert"), fail.reason());
    }

    private static DrillRun running(Drill drill) {
        DrillRun run = new DrillRun("run", drill, T0);
        run.faultStartedAt = T0;
        run.judge = new DrillJudge(drill, T0, List.of());
        return run;
    }

    private static List<String> stages(List<DrillJudge.Transition> transitions) {
        return transitions.stream().map(DrillJudge.Transition::stage).toList();
    }
}
