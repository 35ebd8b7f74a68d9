package dev.obslab.process;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code simulator_step_duration_seconds{step}}: one step of {@code /process}, kept to the steps in force. */
@ApplicationScoped
public class StepMetrics {

    static final String STEP_DURATION = "simulator.step.duration";

    private final MeterRegistry registry;
    private final Map<String, Timer> steps = new ConcurrentHashMap<>();

    public StepMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String step, long nanos) {
        steps.computeIfAbsent(step, s -> Timer.builder(STEP_DURATION)
                .description("Duration of one simulated step of /process").tag("step", s).register(registry))
                .record(Duration.ofNanos(nanos));
    }

    /** Keeps step series bounded: the steps of replaced settings stop being exported. */
    void retain(Set<String> keep) {
        steps.entrySet().removeIf(e -> {
            if (keep.contains(e.getKey())) {
                return false;
            }
            registry.remove(e.getValue());
            return true;
        });
    }
}
