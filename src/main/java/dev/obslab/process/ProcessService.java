package dev.obslab.process;

import java.util.Optional;
import java.util.stream.Collectors;

import dev.obslab.random.RandomSource;
import dev.obslab.settings.ProcessSettings;
import dev.obslab.settings.SettingsChanged;
import dev.obslab.settings.SettingsStore;
import dev.obslab.settings.SimulatorSettings;
import dev.obslab.settings.StepSettings;
import dev.obslab.telemetry.WorkMetrics;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * One unit of simulated work: the plan drawn from the settings in force ({@link ProcessPlan}), then its steps run one
 * after another as child spans of the current span ({@link ProcessRun}). Waits are Vert.x timers, never sleeping
 * threads, so thousands of slow requests cost no threads.
 */
@ApplicationScoped
@Startup
public class ProcessService {

    static final String ENDPOINT = "process";

    private final SettingsStore store;
    private final RandomSource random;
    private final ProcessRun.Tools tools;

    public ProcessService(SettingsStore store, RandomSource random, Tracer tracer, Vertx vertx, WorkMetrics work,
            StepMetrics steps, RemoteCalls remote) {
        this.store = store;
        this.random = random;
        this.tools = new ProcessRun.Tools(tracer, vertx, work.endpoint(ENDPOINT), steps, remote);
        series(store.settings());
    }

    void changed(@Observes SettingsChanged event) {
        series(event.settings());
    }

    /** The series the settings can produce exist at zero; those of steps no longer configured go away. */
    private void series(SimulatorSettings settings) {
        tools.work().registerFailureStatuses(settings.process().failureStatuses().keySet());
        tools.steps().retain(settings.process().steps().stream().map(StepSettings::name).collect(Collectors.toSet()));
    }

    /**
     * A failing request fails in a randomly chosen step; the steps after it do not run.
     *
     * @param delayMs forced total latency, else drawn from the settings
     * @param fail forced outcome, else drawn from the failure rate
     */
    public Uni<ProcessOutcome> process(Optional<Integer> delayMs, Optional<Boolean> fail) {
        ProcessSettings s = store.settings().process();
        ProcessPlan plan = ProcessPlan.draw(s, delayMs, fail, random.generator());
        Context parent = Context.current();
        Forced forced = new Forced(delayMs.isPresent(), fail.isPresent());
        // One emitter for the whole request, and plain timer callbacks between its steps: Mutiny wraps every operator
        // for context propagation, and a chain of them per step cost more than the steps' spans (docs/benchmarks.md).
        return Uni.createFrom().emitter(emitter -> new ProcessRun(tools, parent, s.steps(), plan, forced, emitter).start());
    }
}
