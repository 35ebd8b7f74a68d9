package dev.obslab.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import dev.obslab.telemetry.SimulatorMetrics;
import dev.obslab.telemetry.SimulatorMetrics.Outcome;
import dev.obslab.topology.CallFailedException;
import dev.obslab.topology.Downstreams;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

/**
 * Produces the simulated work: latency, outcome, steps and log events, following the {@link SimulatorSettings} in
 * force. Waits are Vert.x timers, never sleeping threads, so thousands of slow requests cost no threads.
 */
@ApplicationScoped
public class Simulator {

    private static final Logger LOG = Logger.getLogger(Simulator.class);
    static final AttributeKey<String> STEP_NAME = AttributeKey.stringKey("simulator.step.name");
    static final AttributeKey<Long> STEP_INDEX = AttributeKey.longKey("simulator.step.index");
    static final AttributeKey<Long> STEP_DELAY = AttributeKey.longKey("simulator.step.delay_ms");
    static final AttributeKey<String> STEP_CALL = AttributeKey.stringKey("simulator.step.call");
    static final AttributeKey<Boolean> SIMULATED = AttributeKey.booleanKey("simulator.failure.simulated");
    static final AttributeKey<Long> LOGS_COUNT = AttributeKey.longKey("simulator.logs.count");
    static final AttributeKey<String> LOGS_LEVEL = AttributeKey.stringKey("simulator.logs.level");
    private static final Map<Level, AttributeKey<Long>> LOGS_BY_LEVEL = new EnumMap<>(Level.class);

    static {
        for (Level l : Level.values()) {
            LOGS_BY_LEVEL.put(l, AttributeKey.longKey("simulator.logs." + l.name().toLowerCase() + "_count"));
        }
    }

    /** One planned step: its name and its share of the request's latency. */
    public record StepTiming(String name, long delayMs) {
    }

    /** What a successful {@code /process} did. */
    public record ProcessOutcome(double latencyMs, List<StepTiming> steps) {
    }

    /** What a successful {@code /generate_logs} wrote. */
    public record LogBurst(int generated, Map<Level, Integer> byLevel) {
    }

    private final AtomicReference<SimulatorSettings> settings = new AtomicReference<>();
    private final SimulatorSettings defaults;
    private final Validator validator;
    private final RandomSource random;
    private final SimulatorMetrics metrics;
    private final Tracer tracer;
    private final Vertx vertx;
    private final Downstreams downstreams;
    private final Duration callTimeout;
    private final int maxHops;
    private final Map<Subsystem, Logger> subsystemLoggers = new EnumMap<>(Subsystem.class);

    public Simulator(SimulatorConfig config, Validator validator, RandomSource random, SimulatorMetrics metrics,
            Tracer tracer, Vertx vertx, Downstreams downstreams) {
        this.downstreams = downstreams;
        this.callTimeout = Duration.ofMillis(config.process().callTimeoutMs());
        this.maxHops = config.process().maxHops();
        this.validator = validator;
        this.random = random;
        this.metrics = metrics;
        this.tracer = tracer;
        this.vertx = vertx;
        for (Subsystem s : Subsystem.values()) {
            subsystemLoggers.put(s, Logger.getLogger("simulated." + s.label()));
        }
        defaults = SettingsFactory.fromConfig(config);
        apply(defaults);
        metrics.bindSettings(settings::get);
    }

    public SimulatorSettings settings() {
        return settings.get();
    }

    /** The settings the service started with (application.properties and environment). */
    public SimulatorSettings defaults() {
        return defaults;
    }

    /**
     * Replaces every setting at once. Invalid settings throw {@link ConstraintViolationException} (paths relative to
     * the settings, e.g. {@code process.failureRate}) and change nothing.
     */
    public SimulatorSettings replace(SimulatorSettings next, String source) {
        apply(next);
        metrics.settingsChanged(source);
        LOG.infof("Simulator settings replaced (source=%s): process failureRate=%s latency=%s; generate_logs failureRate=%s",
                source, next.process().failureRate(), next.process().latency().distribution(),
                next.generateLogs().failureRate());
        return next;
    }

    private void apply(SimulatorSettings next) {
        Set<ConstraintViolation<SimulatorSettings>> violations = validator.validate(next);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        settings.set(next);
        metrics.registerFailureStatuses(Endpoint.PROCESS, next.process().failureStatuses().keySet());
        metrics.registerFailureStatuses(Endpoint.GENERATE_LOGS, next.generateLogs().failureStatuses().keySet());
        metrics.retainSteps(next.process().steps().stream().map(StepSettings::name).toList());
    }

    /** Requests that came through more calls than this are refused (508): a cycle costs a bounded number of them. */
    public int maxHops() {
        return maxHops;
    }

    /**
     * One unit of work: the steps run one after another as child spans of the current span. A failing request fails
     * in a randomly chosen step; the steps after it do not run.
     *
     * @param delayMs forced total latency, else drawn from the settings
     * @param fail forced outcome, else drawn from the failure rate
     */
    public Uni<ProcessOutcome> process(Optional<Integer> delayMs, Optional<Boolean> fail) {
        return process(delayMs, fail, 0);
    }

    /**
     * @param hops calls this request has come through (0 from a client); call steps send one more
     */
    public Uni<ProcessOutcome> process(Optional<Integer> delayMs, Optional<Boolean> fail, int hops) {
        ProcessSettings s = settings.get().process();
        ProcessPlan drawn = ProcessPlan.draw(s, delayMs, fail, random.generator());
        List<StepTiming> plan = drawn.steps();
        int failAt = drawn.failAt();
        int lastStep = drawn.failing() ? failAt : plan.size() - 1;

        Context parent = Context.current();
        Forced forced = new Forced(delayMs.isPresent(), fail.isPresent(), hops);
        // One emitter for the whole request, and plain timer callbacks between its steps: Mutiny wraps every operator
        // for context propagation, and a chain of them per step cost more than the steps' spans (docs/benchmarks.md).
        return Uni.createFrom().emitter(emitter -> new StepRun(parent, s.steps(), plan, failAt, lastStep,
                drawn.status(), forced, emitter).start());
    }

    /** What the caller forced, and the hops it came through: call steps pass them on. */
    private record Forced(boolean delay, boolean outcome, int hops) {
    }

    /**
     * The step a failing request fails in. Without call steps: any step, drawn (as always). With call steps, a forced
     * failure travels: it fails in the first call step, whose downstream is told to fail, and so on down the tree,
     * so {@code fail=true} comes back as a 502 naming the deepest service. A drawn failure stays local (a local step)
     * when there is one: each service fails at its own rate.
     */
    static int failingStep(List<StepSettings> steps, boolean forced, RandomGenerator rnd) {
        int firstCall = -1;
        int locals = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).hasCall()) {
                firstCall = firstCall < 0 ? i : firstCall;
            } else {
                locals++;
            }
        }
        if (firstCall < 0) {
            return rnd.nextInt(steps.size());
        }
        if (forced || locals == 0) {
            return firstCall;
        }
        int pick = rnd.nextInt(locals);
        for (int i = 0; i < steps.size(); i++) {
            if (!steps.get(i).hasCall() && pick-- == 0) {
                return i;
            }
        }
        return firstCall;
    }

    /**
     * The steps of one {@code /process} request, run one after another. Each step ends at its planned time counted
     * from the start of the request, not from the end of the step before: the lateness of one timer (a busy event
     * loop) is not added again by every later step, so the request takes the drawn latency, not that plus the
     * lateness of every step's timer. Timers fire on the request's Vert.x context, so spans and MDC are the request's.
     */
    private final class StepRun {
        private final Context parent;
        private final Span server;
        private final List<StepSettings> steps;
        private final List<StepTiming> plan;
        private final int failAt;
        private final int lastStep;
        private final int status;
        private final Forced forced;
        private final UniEmitter<? super ProcessOutcome> emitter;
        private final io.vertx.core.Context vertxContext = vertx.getOrCreateContext();
        private final List<StepTiming> done;
        private final long started = System.nanoTime();
        private long plannedEndMs;
        private int index;
        private Span span;
        private long stepStarted;
        private long timer = -1;
        private Cancellable call;

        StepRun(Context parent, List<StepSettings> steps, List<StepTiming> plan, int failAt, int lastStep, int status,
                Forced forced, UniEmitter<? super ProcessOutcome> emitter) {
            this.parent = parent;
            this.server = Span.fromContext(parent);
            this.steps = steps;
            this.plan = plan;
            this.failAt = failAt;
            this.lastStep = lastStep;
            this.status = status;
            this.forced = forced;
            this.emitter = emitter;
            this.done = new ArrayList<>(plan.size());
        }

        void start() {
            emitter.onTermination(this::cancelled);
            begin(0);
        }

        private void begin(int i) {
            index = i;
            StepTiming step = plan.get(i);
            span = tracer.spanBuilder(step.name()).setParent(parent)
                    .setAttribute(STEP_NAME, step.name())
                    .setAttribute(STEP_INDEX, (long) i)
                    .setAttribute(STEP_DELAY, step.delayMs())
                    .startSpan();
            stepStarted = System.nanoTime();
            plannedEndMs += step.delayMs();
            if (steps.get(i).hasCall()) {
                callDownstream(i, step);
                return;
            }
            // rounded up: a timer of whole milliseconds may end a step late, never before its planned end
            long waitMs = (long) Math.ceil(plannedEndMs - (stepStarted - started) / 1e6);
            if (waitMs > 0) {
                timer = vertx.setTimer(waitMs, id -> end());
            } else {
                end();
            }
        }

        /**
         * A call step: {@code GET call/process} on another instance, inside the step span (so the REST client's span
         * is its child and the downstream's server span is that one's), passing on what was forced: the step's share
         * of a forced delay, and the outcome (fail=true to the step chosen to fail, false to the others).
         */
        private void callDownstream(int i, StepTiming step) {
            StepSettings settings = steps.get(i);
            span.setAttribute(STEP_CALL, settings.call());
            Integer delay = forced.delay() ? (int) step.delayMs() : null;
            Boolean fail = i == failAt ? Boolean.TRUE : (forced.outcome() ? Boolean.FALSE : null);
            try (Scope scope = parent.with(span).makeCurrent()) {
                call = downstreams.call(step.name(), settings.call(), delay, fail, forced.hops() + 1, callTimeout)
                        .subscribe().with(
                                done -> vertxContext.runOnContext(v -> callEnded(null)),
                                failure -> vertxContext.runOnContext(v -> callEnded(failure)));
            }
        }

        private void callEnded(Throwable failure) {
            call = null;
            if (failure == null) {
                // a call takes as long as the downstream takes: later steps keep their own shares
                plannedEndMs = Math.round((System.nanoTime() - started) / 1e6);
                end();
                return;
            }
            CallFailedException e = failure instanceof CallFailedException c ? c
                    : new CallFailedException(502, false, plan.get(index).name(), null, 502,
                            "Step " + plan.get(index).name() + ": " + failure);
            span.setStatus(StatusCode.ERROR, e.getMessage());
            span.end();
            metrics.recordStep(plan.get(index).name(), System.nanoTime() - stepStarted);
            server.setStatus(StatusCode.ERROR, e.getMessage());
            server.setAttribute(SIMULATED, e.simulated());
            metrics.recordWork(Endpoint.PROCESS, Outcome.FAILURE, System.nanoTime() - started);
            LOG.warn(e.getMessage());
            emitter.fail(e);
        }

        private void end() {
            timer = -1;
            endSpan();
            if (index < lastStep) {
                begin(index + 1);
                return;
            }
            long nanos = System.nanoTime() - started;
            if (failAt >= 0) {
                emitter.fail(fail(server, Endpoint.PROCESS, status, nanos,
                        "Simulated failure in step " + plan.get(failAt).name() + " (" + status + ")"));
                return;
            }
            metrics.recordWork(Endpoint.PROCESS, Outcome.SUCCESS, nanos);
            emitter.complete(new ProcessOutcome(nanos / 1_000_000.0, List.copyOf(done)));
        }

        private void endSpan() {
            if (index == failAt) {
                span.setStatus(StatusCode.ERROR, "simulated failure");
            }
            span.end();
            long nanos = System.nanoTime() - stepStarted;
            metrics.recordStep(plan.get(index).name(), nanos);
            // a call step reports the time it took; a local step its planned share
            done.add(steps.get(index).hasCall() ? new StepTiming(plan.get(index).name(), Math.round(nanos / 1e6))
                    : plan.get(index));
        }

        /** The caller went away mid-step: stop the timer or the call and close the open step span. */
        private void cancelled() {
            if (timer != -1 && vertx.cancelTimer(timer)) {
                timer = -1;
                endSpan();
            } else if (call != null) {
                call.cancel();
                call = null;
                span.end();
            }
        }
    }

    /** Writes {@code count} simulated log events, all at {@code level} if given, else drawn from the level mix. */
    public Uni<LogBurst> generateLogs(int count, Optional<Level> level) {
        GenerateLogsSettings s = settings.get().generateLogs();
        RandomGenerator rnd = random.generator();
        long delay = Math.round(LatencyModel.sample(s.latency(), rnd));
        boolean failing = rnd.nextDouble() < s.failureRate();
        int status = failing ? Weighted.pick(s.failureStatuses(), rnd) : 200;
        long started = System.nanoTime();
        return Delays.sleep(vertx, delay).map(done -> {
            if (failing) {
                throw fail(Endpoint.GENERATE_LOGS, status, System.nanoTime() - started,
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
            metrics.recordWork(Endpoint.GENERATE_LOGS, Outcome.SUCCESS, System.nanoTime() - started);
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
        metrics.recordLogEvent(level);
    }

    /**
     * Marks the request's span as failed, counts the failure and builds the exception that becomes the 5xx. The
     * exception event itself is recorded by Quarkus' REST tracing when the failure leaves the resource.
     */
    private SimulatedFailureException fail(Endpoint endpoint, int status, long nanos, String message) {
        return fail(Span.current(), endpoint, status, nanos, message);
    }

    private SimulatedFailureException fail(Span span, Endpoint endpoint, int status, long nanos, String message) {
        SimulatedFailureException failure = new SimulatedFailureException(endpoint, status, message);
        span.setStatus(StatusCode.ERROR, message);
        span.setAttribute(SIMULATED, true);
        metrics.recordWork(endpoint, Outcome.FAILURE, nanos);
        metrics.recordFailure(endpoint, status);
        LOG.warn(message);
        return failure;
    }

    /** Splits {@code totalMs} over the steps by weight, in whole milliseconds that add up to the total. */
    static List<StepTiming> plan(List<StepSettings> steps, long totalMs) {
        long weights = steps.stream().mapToLong(StepSettings::weight).sum();
        List<StepTiming> plan = new ArrayList<>(steps.size());
        long assigned = 0;
        long cumulativeWeight = 0;
        for (StepSettings step : steps) {
            cumulativeWeight += step.weight();
            long upTo = Math.round((double) totalMs * cumulativeWeight / weights);
            plan.add(new StepTiming(step.name(), upTo - assigned));
            assigned = upTo;
        }
        return plan;
    }
}
