package dev.obslab.settings;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * Start-up settings of the simulation ({@code simulator.process.*}, {@code simulator.generate-logs.*} in
 * application.properties, where their defaults live; every
 * key can be overridden by its environment variable, e.g. {@code SIMULATOR_PROCESS_FAILURE_RATE=0.2}). Weight lists
 * are written {@code key:weight}, for example {@code 500:6,503:2}. {@link SettingsFactory} turns this into the
 * {@link SimulatorSettings} that {@code PUT /api/simulator} can later replace.
 */
@ConfigMapping(prefix = "simulator")
public interface SettingsConfig {

    Process process();

    GenerateLogs generateLogs();

    interface Process {
        double failureRate();

        List<String> failureStatuses();

        Latency latency();

        /** {@code name:weight} for local work, {@code name:weight@URL} for a call to another instance. */
        List<String> steps();
    }

    interface GenerateLogs {
        double failureRate();

        List<String> failureStatuses();

        Latency latency();

        List<String> levels();

        List<Subsystem> subsystems();
    }

    interface Latency {
        Distribution distribution();

        Optional<Double> fixedMs();

        Optional<Double> minMs();

        Optional<Double> maxMs();

        Optional<Double> meanMs();

        Optional<Double> stddevMs();

        Optional<Double> medianMs();

        Optional<Double> p99Ms();
    }
}
