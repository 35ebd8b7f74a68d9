package dev.obslab.logs;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import dev.obslab.http.problem.SimulatedFailureException;
import dev.obslab.random.RandomSource;
import dev.obslab.random.Weighted;
import dev.obslab.settings.GenerateLogsSettings;
import dev.obslab.settings.LatencyModel;
import dev.obslab.settings.Level;
import dev.obslab.settings.SettingsChanged;
import dev.obslab.settings.SettingsStore;
import dev.obslab.settings.Subsystem;
import dev.obslab.telemetry.WorkMetrics.Outcome;
import dev.obslab.telemetry.WorkMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code /generate_logs}' work: a burst of simulated log events from the fake subsystems, with the configured level
 * mix (or all at one level), after a drawn latency and unless a failure is drawn. Counted in
 * {@code simulator_log_events_total{level}}.
 */
@ApplicationScoped
@Startup
public class LogGenerator {

    static final String ENDPOINT = "generate_logs";
    static final AttributeKey<Long> LOGS_COUNT = AttributeKey.longKey("simulator.logs.count");
    static final AttributeKey<String> LOGS_LEVEL = AttributeKey.stringKey("simulator.logs.level");
    private static final Logger LOG = Logger.getLogger(LogGenerator.class);
    private static final Map<Level, AttributeKey<Long>> LOGS_BY_LEVEL = new EnumMap<>(Level.class);

    static {
        for (Level l : Level.values()) {
            LOGS_BY_LEVEL.put(l, AttributeKey.longKey("simulator.logs." + l.name().toLowerCase() + "_count"));
        }
    }

    /** What a successful {@code /generate_logs} wrote. */
    public record LogBurst(int generated, Map<Level, Integer> byLevel) {
    }

    private final SettingsStore store;
    private final RandomSource random;
    private final WorkMetrics.Work work;
    private final Vertx vertx;
    private final Map<Subsystem, Logger> subsystemLoggers = new EnumMap<>(Subsystem.class);
    private final Map<Level, Counter> events = new EnumMap<>(Level.class);

    public LogGenerator(SettingsStore store, RandomSource random, WorkMetrics work, Vertx vertx, MeterRegistry registry) {
        this.store = store;
        this.random = random;
        this.work = work.endpoint(ENDPOINT);
        this.vertx = vertx;
        for (Subsystem s : Subsystem.values()) {
            subsystemLoggers.put(s, Logger.getLogger("simulated." + s.label()));
        }
        for (Level level : Level.values()) {
            events.put(level, Counter.builder("simulator.log.events")
                    .description("Simulated log events written, by level")
                    .tag("level", level.name()).register(registry));
        }
        this.work.registerFailureStatuses(store.settings().generateLogs().failureStatuses().keySet());
    }

    void changed(@Observes SettingsChanged event) {
        work.registerFailureStatuses(event.settings().generateLogs().failureStatuses().keySet());
    }

    /** Writes {@code count} simulated log events, all at {@code level} if given, else drawn from the level mix. */
    public Uni<LogBurst> generateLogs(int count, Optional<Level> level) {
        GenerateLogsSettings s = store.settings().generateLogs();
        RandomGenerator rnd = random.generator();
        long delay = Math.round(LatencyModel.sample(s.latency(), rnd));
        boolean failing = rnd.nextDouble() < s.failureRate();
        int status = failing ? Weighted.pick(s.failureStatuses(), rnd) : 200;
        long started = System.nanoTime();
        return Delays.sleep(vertx, delay).map(done -> {
            if (failing) {
                throw fail(status, System.nanoTime() - started,
                        "Simulated failure before writing " + count + " log events (" + status + ")");
            }
            Map<Level, Integer> byLevel = new EnumMap<>(Level.class);
            for (Level l : Level.values()) {
                byLevel.put(l, 0);
            }
            for (int i = 0; i < count; i++) {
                Level l = level.orElseGet(() -> Weighted.pick(s.levels(), rnd));
                Subsystem subsystem = s.subsystems().get(rnd.nextInt(s.subsystems().size()));
                write(subsystem, l, LogCatalogue.event(subsystem, l, rnd));
                byLevel.merge(l, 1, Integer::sum);
            }
            Span span = Span.current();
            span.setAttribute(LOGS_COUNT, (long) count);
            span.setAttribute(LOGS_LEVEL, level.map(Level::name).orElse("mixed"));
            byLevel.forEach((l, n) -> span.setAttribute(LOGS_BY_LEVEL.get(l), (long) n));
            work.record(Outcome.SUCCESS, System.nanoTime() - started);
            return new LogBurst(count, byLevel);
        });
    }

    private void write(Subsystem subsystem, Level level, LogCatalogue.Event event) {
        MDC.put("subsystem", subsystem.label());
        MDC.put("simulated", "true");
        try {
            subsystemLoggers.get(subsystem).log(level.jboss(), event.message(), event.error());
        } finally {
            MDC.remove("subsystem");
            MDC.remove("simulated");
        }
        events.get(level).increment();
    }

    /**
     * Marks the request's span as failed, counts the failure and builds the exception that becomes the 5xx. The
     * exception event itself is recorded by Quarkus' REST tracing when the failure leaves the resource.
     */
    private SimulatedFailureException fail(int status, long nanos, String message) {
        SimulatedFailureException failure = new SimulatedFailureException(status, message);
        Span span = Span.current();
        span.setStatus(StatusCode.ERROR, message);
        span.setAttribute(SimulatedFailureException.SPAN_ATTRIBUTE, true);
        work.record(Outcome.FAILURE, nanos);
        work.recordFailure(status);
        LOG.warn(message);
        return failure;
    }
}
