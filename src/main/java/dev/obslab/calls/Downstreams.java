package dev.obslab.calls;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.obslab.http.hops.Hops;
import dev.obslab.process.RemoteCalls;
import dev.obslab.telemetry.Correlation;
import io.opentelemetry.context.Context;
import io.quarkus.opentelemetry.runtime.QuarkusContextStorage;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.tracing.TracingPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes call steps: {@code GET <call>/process} on another instance, with the forced parameters the caller got and
 * one more hop, and turns the answer into success or a {@link CallFailedException}.
 * <p>
 * Vert.x' own HTTP client, not a declared REST client (as the traffic generator and remote settings use): a call step
 * is on the request path of most requests in the three-service shop, and the REST client's layers over this same
 * client (invocation context, filters, a nested context, a JAX-RS response with sorted headers) cost the caller more CPU
 * than the rest of a local request and kept the JIT busy for a minute of load (docs/benchmarks.md, section 8). The
 * signals are the same: Quarkus' Vert.x tracer makes the client span and sends W3C trace context; {@link CallMetrics}
 * records {@code http_client_requests_seconds{clientName="downstream",uri="/process"}} as the REST client did (the
 * Vert.x binder's series would carry the query in {@code uri} and another label set, so it is off for this client).
 */
@ApplicationScoped
public class Downstreams implements RemoteCalls {

    /** The client's name: the {@code clientName} label of its metrics. */
    static final String CLIENT_NAME = "downstream";

    private final Vertx vertx;
    private final HttpClient http;
    /** Each step URL's request, parsed once (URLs come from validated settings: a few); every call copies it. */
    private final Map<String, RequestOptions> targets = new ConcurrentHashMap<>();
    private final CallMetrics metrics;
    private final CallsConfig config;
    private final CallAnswers answers;

    public Downstreams(Vertx vertx, CallMetrics metrics, CallsConfig config) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.config = config;
        this.answers = new CallAnswers(metrics, config);
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout(config.callConnectTimeoutMs())
                .setKeepAlive(true)
                .setMetricsName("") // no Vert.x-level metrics: CallMetrics records the request
                .setTracingPolicy(TracingPolicy.PROPAGATE),
                new PoolOptions().setHttp1MaxSize(config.callPoolSize()));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /**
     * One call, with one hop more than this request came through ({@link Hops#next()}), as a child of the current span
     * (the step's). Completes when the downstream answered 2xx, or fails with {@link CallFailedException}: 504 when no
     * answer came within {@code simulator.process.call-timeout-ms}.
     */
    @Override
    public Uni<Void> call(String step, String baseUrl, Integer delayMs, Boolean fail) {
        RequestOptions target = targets.computeIfAbsent(baseUrl, this::requestTo);
        RequestOptions request = new RequestOptions(target).setURI(target.getURI() + query(delayMs, fail))
                .putHeader(Hops.HEADER, Integer.toString(Hops.next()));
        // The client span's parent is the step span, current now: a context of this call's own holds it, since the
        // tracer reads it when the request is sent (after a connection is had), by when the step's scope is closed.
        ContextInternal callContext = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
        QuarkusContextStorage.INSTANCE.attach(callContext, Context.current());
        long started = System.nanoTime();
        // emit: on this thread at once, with callContext current (a runOnContext would queue a task per call)
        return Uni.createFrom().emitter(emitter -> callContext.emit(v -> {
            int[] status = { 0 }; // the answer's status once it came, 0 before; on this call's event loop only
            http.request(request)
                    .compose(req -> {
                        // cut only a call still unanswered when the caller's request went away (onTermination also runs
                        // on completion: a reset then would close a connection the pool could reuse)
                        emitter.onTermination(() -> {
                            if (status[0] == 0) {
                                req.reset();
                            }
                        });
                        return req.send();
                    })
                    .compose(response -> {
                        status[0] = response.statusCode();
                        return outcome(step, baseUrl, response);
                    })
                    .onComplete(done -> {
                        metrics.request(status[0], System.nanoTime() - started);
                        if (done.succeeded()) {
                            emitter.complete(null);
                        } else {
                            emitter.fail(done.cause() instanceof CallFailedException e ? e
                                    : answers.failed(step, baseUrl, done.cause()));
                        }
                    });
        }));
    }

    /** {@code <base path>/process} on the step URL's host, port and scheme (parsed by Vert.x), with the call's timeouts. */
    private RequestOptions requestTo(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(base + "/process")
                .setConnectTimeout(Math.min(config.callConnectTimeoutMs(), config.callTimeoutMs()))
                .setIdleTimeout(config.callTimeoutMs());
    }

    private static String query(Integer delayMs, Boolean fail) {
        if (delayMs == null && fail == null) {
            return "";
        }
        if (delayMs == null) {
            return "?fail=" + fail;
        }
        return "?delay_ms=" + delayMs + (fail == null ? "" : "&fail=" + fail);
    }

    private Future<Void> outcome(String step, String baseUrl, HttpClientResponse response) {
        int status = response.statusCode();
        String service = answers.target(step, response.getHeader(Correlation.SERVICE_HEADER));
        if (status >= 200 && status < 300) {
            answers.succeeded(step, service);
            return response.end(); // read to the end: the connection goes back to the pool
        }
        return response.body().transform(body -> Future.failedFuture(
                answers.answered(step, baseUrl, status, service, body.succeeded() ? body.result() : null)));
    }
}
