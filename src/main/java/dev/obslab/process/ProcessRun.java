package dev.obslab.process;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import dev.obslab.http.problem.ProblemException;
import dev.obslab.http.problem.SimulatedFailureException;
import dev.obslab.settings.StepSettings;
import dev.obslab.telemetry.WorkMetrics.Outcome;
import dev.obslab.telemetry.WorkMetrics;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;

/**
 * The steps of one {@code /process} request, run one after another. Each step ends at its planned time counted
 * from the start of the request, not from the end of the step before: the lateness of one timer (a busy event
 * loop) is not added again by every later step, so the request takes the drawn latency, not that plus the
 * lateness of every step's timer. Timers fire on the request's Vert.x context, so spans and MDC are the request's.
 */
final class ProcessRun {

    private static final Logger LOG = Logger.getLogger(ProcessRun.class);
    private static final AttributeKey<String> STEP_NAME = AttributeKey.stringKey("simulator.step.name");
    private static final AttributeKey<Long> STEP_INDEX = AttributeKey.longKey("simulator.step.index");
    private static final AttributeKey<Long> STEP_DELAY = AttributeKey.longKey("simulator.step.delay_ms");
    private static final AttributeKey<String> STEP_CALL = AttributeKey.stringKey("simulator.step.call");

    /** What a run needs from its service: one per service, shared by every run. */
    record Tools(Tracer tracer, Vertx vertx, WorkMetrics.Work work, StepMetrics steps, RemoteCalls remote) {
    }

    private final Tools tools;
    private final Context parent;
    private final Span server;
    private final List<StepSettings> steps;
    private final List<StepTiming> plan;
    private final int failAt; // -1: no step fails
    private final int lastStep;
    private final int status;
    private final Forced forced;
    private final UniEmitter<? super ProcessOutcome> emitter;
    private final io.vertx.core.Context vertxContext;
    private final List<StepTiming> done;
    private final long started = System.nanoTime();
    private long plannedEndMs;
    private int index;
    private Span span;
    private long stepStarted;
    private long timer = -1;
    private Cancellable call;

    ProcessRun(Tools tools, Context parent, List<StepSettings> steps, ProcessPlan drawn, Forced forced,
            UniEmitter<? super ProcessOutcome> emitter) {
        this.tools = tools;
        this.vertxContext = tools.vertx().getOrCreateContext();
        this.parent = parent;
        this.server = Span.fromContext(parent);
        this.steps = steps;
        this.plan = drawn.steps();
        this.failAt = drawn.failAt();
        this.lastStep = drawn.failing() ? failAt : plan.size() - 1;
        this.status = drawn.status();
        this.forced = forced;
        this.emitter = emitter;
        this.done = new ArrayList<>(this.plan.size());
    }

    void start() {
        emitter.onTermination(this::cancelled);
        begin(0);
    }

    private void begin(int i) {
        index = i;
        StepTiming step = plan.get(i);
        span = tools.tracer().spanBuilder(step.name()).setParent(parent)
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
            timer = tools.vertx().setTimer(waitMs, id -> end());
        } else {
            end();
        }
    }

    /**
     * A call step: {@code GET call/process} on another instance, inside the step span (so the HTTP client's span
     * is its child and the downstream's server span is that one's), passing on what was forced: the step's share
     * of a forced delay, and the outcome (fail=true to the step chosen to fail, false to the others).
     */
    private void callDownstream(int i, StepTiming step) {
        StepSettings settings = steps.get(i);
        span.setAttribute(STEP_CALL, settings.call());
        Integer delay = forced.delay() ? (int) step.delayMs() : null;
        Boolean fail = i == failAt ? Boolean.TRUE : (forced.outcome() ? Boolean.FALSE : null);
        try (Scope scope = parent.with(span).makeCurrent()) {
            call = tools.remote().call(step.name(), settings.call(), delay, fail)
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
        ProblemException e = failure instanceof ProblemException p ? p
                : ProblemException.badGateway("Step " + plan.get(index).name() + ": " + failure);
        span.setStatus(StatusCode.ERROR, e.getMessage());
        span.end();
        tools.steps().record(plan.get(index).name(), System.nanoTime() - stepStarted);
        server.setStatus(StatusCode.ERROR, e.getMessage());
        server.setAttribute(SimulatedFailureException.SPAN_ATTRIBUTE, e.simulated());
        tools.work().record(Outcome.FAILURE, System.nanoTime() - started);
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
            emitter.fail(simulatedFailure(nanos,
                    "Simulated failure in step " + plan.get(failAt).name() + " (" + status + ")"));
            return;
        }
        tools.work().record(Outcome.SUCCESS, nanos);
        emitter.complete(new ProcessOutcome(nanos / 1_000_000.0, List.copyOf(done)));
    }

    private void endSpan() {
        if (index == failAt) {
            span.setStatus(StatusCode.ERROR, "simulated failure");
        }
        span.end();
        long nanos = System.nanoTime() - stepStarted;
        tools.steps().record(plan.get(index).name(), nanos);
        // a call step reports the time it took; a local step its planned share
        done.add(steps.get(index).hasCall() ? new StepTiming(plan.get(index).name(), Math.round(nanos / 1e6))
                : plan.get(index));
    }

    /** The caller went away mid-step: stop the timer or the call and close the open step span. */
    private void cancelled() {
        if (timer != -1 && tools.vertx().cancelTimer(timer)) {
            timer = -1;
            endSpan();
        } else if (call != null) {
            call.cancel();
            call = null;
            span.end();
        }
    }

    /**
     * Marks the request's span as failed, counts the failure and builds the exception that becomes the 5xx. The
     * exception event itself is recorded by Quarkus' REST tracing when the failure leaves the resource.
     */
    private SimulatedFailureException simulatedFailure(long nanos, String message) {
        SimulatedFailureException failure = new SimulatedFailureException(status, message);
        server.setStatus(StatusCode.ERROR, message);
        server.setAttribute(SimulatedFailureException.SPAN_ATTRIBUTE, true);
        tools.work().record(Outcome.FAILURE, nanos);
        tools.work().recordFailure(status);
        LOG.warn(message);
        return failure;
    }
}
