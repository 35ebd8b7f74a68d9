package dev.obslab.telemetry;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import dev.obslab.simulation.Endpoint;
import dev.obslab.simulation.LatencyModel;
import dev.obslab.simulation.LatencySettings;
import dev.obslab.simulation.Level;
import dev.obslab.simulation.SimulatorSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The {@code simulator_*} metric families. Every series the dashboards and alerts rely on is registered up front, so
 * it exists (at zero) before the first request and {@code rate()} sees the first increment.
 */
@ApplicationScoped
public class SimulatorMetrics {

    public static final String WORK_DURATION = "simulator.work.duration";
    public static final String STEP_DURATION = "simulator.step.duration";

    public enum Outcome {
        SUCCESS, FAILURE;

        String label() {
            return name().toLowerCase();
        }
    }

    private final MeterRegistry registry;
    private final Map<Endpoint, Map<Outcome, Timer>> workTimers = new EnumMap<>(Endpoint.class);
    private final Map<String, Timer> stepTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private final Map<Level, Counter> logEvents = new EnumMap<>(Level.class);
    private final Map<String, Counter> settingsChanges = new ConcurrentHashMap<>();

    public SimulatorMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Endpoint e : Endpoint.values()) {
            Map<Outcome, Timer> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome o : Outcome.values()) {
                byOutcome.put(o, Timer.builder(WORK_DURATION).description("Duration of one unit of simulated work")
                        .tag("endpoint", e.label()).tag("outcome", o.label()).register(registry));
            }
            workTimers.put(e, byOutcome);
        }
        for (Level level : Level.values()) {
            logEvents.put(level, Counter.builder("simulator.log.events")
                    .description("Simulated log events written, by level")
                    .tag("level", level.name()).register(registry));
        }
        for (String source : new String[] { "api", "scenario" }) {
            settingsChange(source);
        }
    }

    /** Publishes the settings in force as gauges; they read the current value on every scrape. */
    public void bindSettings(Supplier<SimulatorSettings> settings) {
        gauges(Endpoint.PROCESS, () -> settings.get().process().failureRate(), () -> settings.get().process().latency());
        gauges(Endpoint.GENERATE_LOGS, () -> settings.get().generateLogs().failureRate(),
                () -> settings.get().generateLogs().latency());
    }

    private void gauges(Endpoint endpoint, Supplier<Double> failureRate, Supplier<LatencySettings> latency) {
        gauge("simulator.settings.failure.ratio", "Injected failure rate (0..1)", null, endpoint,
                s -> failureRate.get());
        gauge("simulator.settings.latency.median", "Median of the injected latency distribution", "seconds", endpoint,
                s -> LatencyModel.median(latency.get()) / 1000);
        gauge("simulator.settings.latency.p99", "99th percentile of the injected latency distribution", "seconds",
                endpoint, s -> LatencyModel.p99(latency.get()) / 1000);
    }

    private void gauge(String name, String description, String unit, Endpoint endpoint, ToDoubleFunction<Object> f) {
        Gauge.builder(name, this, f).description(description).baseUnit(unit).tag("endpoint", endpoint.label())
                .strongReference(true).register(registry);
    }

    public void recordWork(Endpoint endpoint, Outcome outcome, long nanos) {
        workTimers.get(endpoint).get(outcome).record(Duration.ofNanos(nanos));
    }

    public void recordStep(String step, long nanos) {
        stepTimers.computeIfAbsent(step, s -> Timer.builder(STEP_DURATION)
                .description("Duration of one simulated step of /process").tag("step", s).register(registry))
                .record(Duration.ofNanos(nanos));
    }

    /** Keeps step series bounded: the steps of replaced settings stop being exported. */
    public void retainSteps(Collection<String> steps) {
        Set<String> keep = Set.copyOf(steps);
        stepTimers.entrySet().removeIf(e -> {
            if (keep.contains(e.getKey())) {
                return false;
            }
            registry.remove(e.getValue());
            return true;
        });
    }

    public void recordFailure(Endpoint endpoint, int status) {
        failureCounter(endpoint, status).increment();
    }

    /** Registers the failure series a status mix can produce, so they exist at zero. */
    public void registerFailureStatuses(Endpoint endpoint, Collection<Integer> statuses) {
        statuses.forEach(status -> failureCounter(endpoint, status));
    }

    public void recordLogEvent(Level level) {
        logEvents.get(level).increment();
    }

    public void settingsChanged(String source) {
        settingsChange(source).increment();
    }

    private Counter settingsChange(String source) {
        return settingsChanges.computeIfAbsent(source, s -> Counter.builder("simulator.settings.changes")
                .description("Times the simulator settings were replaced, by who replaced them")
                .tag("source", s).register(registry));
    }

    private Counter failureCounter(Endpoint endpoint, int status) {
        return failures.computeIfAbsent(endpoint.label() + '/' + status,
                k -> Counter.builder("simulator.failures").description("Simulated failures, by answered status")
                        .tag("endpoint", endpoint.label()).tag("status", Integer.toString(status))
                        .register(registry));
    }
}
