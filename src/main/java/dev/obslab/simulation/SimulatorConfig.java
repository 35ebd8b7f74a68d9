package dev.obslab.simulation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Start-up settings of the simulator ({@code simulator.*} in application.properties, where the defaults live; every
 * key can be overridden by its environment variable, e.g. {@code SIMULATOR_PROCESS_FAILURE_RATE=0.2}). Weight lists
 * are written {@code key:weight}, for example {@code 500:6,503:2}. {@link SettingsFactory} turns this into the
 * {@link SimulatorSettings} that {@code PUT /api/simulator} can later replace.
 */
@ConfigMapping(prefix = "simulator")
public interface SimulatorConfig {

    /** Seed for reproducible runs; unset means a fresh random sequence each run. */
    OptionalLong seed();

    /**
     * {@code SIMULATOR_ADMIN_TOKEN}: when set, the requests that change behaviour need {@code Authorization: Bearer
     * <token>} (see dev.obslab.api.AdminTokenFilter). Unset or empty: the controls are open.
     */
    Optional<String> adminToken();

    /** Request limits the service answers itself, with problem+json (dev.obslab.api.RequestLimits). */
    Http http();

    Process process();

    GenerateLogs generateLogs();

    Traffic traffic();

    Scenarios scenarios();

    interface Http {
        /** Longest request target (path and query), in characters; beyond it: 414. */
        @WithDefault("8192")
        int maxUriLength();

        /** Largest header block (every name, value, ": " and CRLF), in bytes; beyond it: 431. */
        @WithDefault("16384")
        int maxHeaderBytes();

        /**
         * How long the body of a refused request is read and dropped before the connection is closed: closing on
         * unread bytes makes the kernel reset the connection, and the client may lose the answer.
         */
        @WithDefault("5s")
        Duration refusedBodyDrain();
    }

    interface Process {
        double failureRate();

        List<String> failureStatuses();

        Latency latency();

        /** {@code name:weight} for local work, {@code name:weight@URL} for a call to another instance. */
        List<String> steps();

        /** A call step slower than this is cancelled and fails with 504. */
        @WithDefault("5000")
        int callTimeoutMs();

        /** Calls carry a hop count; a request that has come through more hops than this is refused with 508. */
        @WithDefault("8")
        int maxHops();
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

    /** The built-in traffic generator (see dev.obslab.traffic). */
    interface Traffic {
        /** Requests per second, 0 (off) to 1000. */
        int rps();

        /**
         * Where the requests go; unset, this instance itself, at the port it really listens on (a test's random port
         * too). Not changeable at runtime, on purpose.
         */
        Optional<String> baseUrl();

        /** Requests allowed in flight at once; beyond it a due request is dropped (and counted). */
        int maxInFlight();

        /** Mix of request kinds, kind:weight (process, process_fail, process_slow, generate_logs). */
        List<String> mix();

        /** Events per generate_logs request. */
        int logCount();

        /** delay_ms of process_slow requests. */
        int slowDelayMs();
    }

    interface Scenarios {
        /** Multiplies every scenario duration (tests run them in seconds). */
        double timeScale();

        /**
         * Other services a scenario started here may change, as {@code name=URL} (e.g. {@code payments=http://payments:8080}):
         * the cross-service scenarios (payments-latency, inventory-errors) exist only where their target is listed.
         */
        Optional<List<String>> services();
    }
}
