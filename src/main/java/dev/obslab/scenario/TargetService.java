package dev.obslab.scenario;

import org.jboss.logging.Logger;

import dev.obslab.settings.SimulatorSettings;
import io.smallrye.mutiny.Uni;

/**
 * The other service one run of a scenario with a target changes, through its API: its settings when the run started
 * (read first: the baseline the phases derive from, and what comes back at the end), each phase's replacement, and
 * the restore. A phase entered before the baseline arrived is applied when it does; nothing is changed after the end.
 */
final class TargetService {

    private static final Logger LOG = Logger.getLogger(TargetService.class);

    private final RemoteServices remote;
    private final FaultTimeline timeline;
    private final String scenario;
    private final String target;
    private final long window;
    private SimulatorSettings baseline;
    private Scenario.Phase phase;
    private boolean ended;

    TargetService(RemoteServices remote, FaultTimeline timeline, String scenario, String target, long window) {
        this.remote = remote;
        this.timeline = timeline;
        this.scenario = scenario;
        this.target = target;
        this.window = window;
        remote.settings(target).subscribe().with(this::baselineArrived,
                failure -> LOG.warnf("Scenario %s: cannot read the settings of %s: %s", scenario, target,
                        failure.getMessage()));
    }

    synchronized void enter(Scenario.Phase next) {
        phase = next;
        if (baseline != null && !ended) {
            apply();
        }
    }

    /** Puts the target's settings back; completes when it answered (at once if nothing was changed there). */
    synchronized Uni<Void> restore() {
        ended = true;
        if (baseline == null) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> restored = remote.replace(target, baseline).memoize().indefinitely();
        restored.subscribe().with(
                done -> LOG.infof("Scenario %s: settings of %s restored", scenario, target),
                failure -> LOG.warnf("Scenario %s: cannot restore the settings of %s: %s", scenario, target,
                        failure.getMessage()));
        return restored;
    }

    private synchronized void baselineArrived(SimulatorSettings settings) {
        if (ended) {
            return; // stopped meanwhile: nothing was changed there
        }
        baseline = settings;
        if (phase != null) {
            apply();
        }
    }

    private void apply() {
        SimulatorSettings changed = phase.simulator().apply(baseline);
        timeline.changed(window, target, "", baseline, changed);
        remote.replace(target, changed).subscribe().with(
                done -> LOG.infof("Scenario %s: settings of %s changed", scenario, target),
                failure -> LOG.warnf("Scenario %s: cannot change the settings of %s: %s", scenario, target,
                        failure.getMessage()));
    }
}
