package dev.obslab.drills;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** The recent runs, oldest first, bounded ({@code simulator.drills.keep-runs}). Guarded by its own lock. */
@ApplicationScoped
class DrillHistory {

    private final Deque<DrillRun> runs = new ArrayDeque<>();
    private final int capacity;

    DrillHistory(DrillsConfig config) {
        this.capacity = config.keepRuns();
    }

    synchronized void add(DrillRun run) {
        runs.addLast(run);
        while (runs.size() > capacity) {
            runs.removeFirst();
        }
    }

    synchronized Optional<DrillRun> find(String id) {
        return runs.stream().filter(r -> r.id.equals(id)).findFirst();
    }

    /** Reports are read under the runner's lock, which guards the runs' state. */
    synchronized List<DrillRun> all() {
        return List.copyOf(runs);
    }
}
