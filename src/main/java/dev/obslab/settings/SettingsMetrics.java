package dev.obslab.settings;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The settings in force as gauges (so dashboards show injected against observed) and
 * {@code simulator_settings_changes_total{source}}; the series exist from the start, at zero.
 */
@ApplicationScoped
@Startup
public class SettingsMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> changes = new ConcurrentHashMap<>();

    public SettingsMetrics(MeterRegistry registry, SettingsStore store) {
        this.registry = registry;
        gauges("process", () -> store.settings().process().failureRate(), () -> store.settings().process().latency());
        gauges("generate_logs", () -> store.settings().generateLogs().failureRate(),
                () -> store.settings().generateLogs().latency());
        for (String source : new String[] { "api", "scenario" }) {
            changes(source);
        }
    }

    void changed(@Observes SettingsChanged event) {
        changes(event.source()).increment();
    }

    private void gauges(String endpoint, Supplier<Double> failureRate, Supplier<LatencySettings> latency) {
        gauge("simulator.settings.failure.ratio", "Injected failure rate (0..1)", null, endpoint,
                s -> failureRate.get());
        gauge("simulator.settings.latency.median", "Median of the injected latency distribution", "seconds", endpoint,
                s -> LatencyModel.median(latency.get()) / 1000);
        gauge("simulator.settings.latency.p99", "99th percentile of the injected latency distribution", "seconds",
                endpoint, s -> LatencyModel.p99(latency.get()) / 1000);
    }

    private void gauge(String name, String description, String unit, String endpoint, ToDoubleFunction<Object> f) {
        Gauge.builder(name, this, f).description(description).baseUnit(unit).tag("endpoint", endpoint)
                .strongReference(true).register(registry);
    }

    private Counter changes(String source) {
        return changes.computeIfAbsent(source, s -> Counter.builder("simulator.settings.changes")
                .description("Times the simulator settings were replaced, by who replaced them")
                .tag("source", s).register(registry));
    }
}
