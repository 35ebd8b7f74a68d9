package dev.obslab.traffic;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import dev.obslab.random.RandomSource;
import dev.obslab.random.Weighted;
import dev.obslab.traffic.TrafficMetrics.Outcome;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.Response;

/**
 * Sends real HTTP requests, through the Quarkus REST client, to the configured base URL (the service itself by
 * default), so dashboards fill up with nobody clicking and traces show the client span above the server span. Paced
 * evenly by a Vert.x timer, never in bursts; requests beyond {@code maxInFlight} are dropped, so a slow target cannot
 * pile up memory.
 */
@ApplicationScoped
public class TrafficGenerator {

    private static final Logger LOG = Logger.getLogger(TrafficGenerator.class);

    private final AtomicReference<TrafficSettings> settings = new AtomicReference<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final TrafficSettings defaults;
    private final Validator validator;
    private final TrafficMetrics metrics;
    private final RandomSource random;
    private final Vertx vertx;
    private final Optional<String> baseUrl;
    private final HttpServer server;
    private final TrafficClient client;
    private String target;
    private long timer = -1;
    private Pacer pacer;

    public TrafficGenerator(@RestClient TrafficClient client, TrafficConfig config, Validator validator,
            TrafficMetrics metrics, RandomSource random, Vertx vertx, HttpServer server) {
        this.client = client;
        this.validator = validator;
        this.metrics = metrics;
        this.random = random;
        this.vertx = vertx;
        TrafficConfig t = config;
        Map<TrafficKind, Integer> mix = Weighted.parse("simulator.traffic.mix", t.mix(), TrafficKind::fromLabel);
        this.defaults = new TrafficSettings(t.rps(), mix, t.maxInFlight(), t.logCount(), t.slowDelayMs());
        this.baseUrl = t.baseUrl();
        this.server = server;
        metrics.bind(() -> settings.get().rps(), inFlight::get);
    }

    void start(@Observes StartupEvent event) {
        replace(defaults, "config");
    }

    void stop(@Observes ShutdownEvent event) {
        cancelTimer();
    }

    public TrafficSettings settings() {
        return settings.get();
    }

    public TrafficSettings defaults() {
        return defaults;
    }

    /** Replaces the settings as a whole; invalid ones throw and change nothing. */
    public synchronized TrafficSettings replace(TrafficSettings next, String source) {
        Set<ConstraintViolation<TrafficSettings>> violations = validator.validate(next);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        TrafficSettings previous = settings.getAndSet(next);
        if (previous == null || previous.rps().intValue() != next.rps()) {
            cancelTimer();
            pacer = null;
            if (next.rps() > 0) {
                pacer = new Pacer(next.rps(), System.nanoTime());
                timer = vertx.setPeriodic(Pacer.periodMillis(next.rps()), this::tick);
            }
        }
        LOG.infof("Traffic generator set by %s: %d requests/s, mix %s", source, next.rps(), next.mix());
        return next;
    }

    private void cancelTimer() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private synchronized void tick(long timerId) {
        if (timerId != timer || pacer == null) {
            return; // a tick of a cancelled timer, already queued on the event loop
        }
        int due = pacer.due(System.nanoTime());
        TrafficSettings s = settings.get();
        for (int i = 0; i < due; i++) {
            send(s);
        }
    }

    private void send(TrafficSettings s) {
        TrafficKind kind = Weighted.pick(s.mix(), random.generator());
        if (inFlight.incrementAndGet() > s.maxInFlight()) {
            inFlight.decrementAndGet();
            metrics.record(kind, Outcome.DROPPED);
            return;
        }
        // counted before leaving the in-flight gauge, so "none in flight" means "all counted"
        call(kind, s).subscribe().with(response -> {
            int status = response.getStatus();
            response.close();
            metrics.record(kind, Outcome.ofStatus(status));
            inFlight.decrementAndGet();
        }, failure -> {
            metrics.record(kind, Outcome.ERROR);
            inFlight.decrementAndGet();
            LOG.debugf("Generated %s request failed: %s", kind.label(), failure.toString());
        });
    }

    /**
     * Read at the first request, not at start-up: by then the server listens, so "this instance" has its real port
     * (a random one in tests).
     */
    private synchronized String target() {
        if (target == null) {
            target = baseUrl.orElseGet(() -> "http://localhost:" + server.getPort());
        }
        return target;
    }

    private Uni<Response> call(TrafficKind kind, TrafficSettings s) {
        String target = target();
        return switch (kind) {
            case PROCESS -> client.process(target, null, null);
            case PROCESS_FAIL -> client.process(target, null, true);
            case PROCESS_SLOW -> client.process(target, s.slowDelayMs(), false);
            case GENERATE_LOGS -> client.generateLogs(target, s.logCount());
        };
    }
}
