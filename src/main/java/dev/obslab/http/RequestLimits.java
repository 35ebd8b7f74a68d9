package dev.obslab.http;

import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.obslab.http.problem.Problem;
import dev.obslab.http.problem.ProblemMappers;
import dev.obslab.http.problem.ProblemTypes;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Oversized requests get a problem+json answer: 414 for a long request target, 431 for a large header block, 413 for
 * a declared body over {@code quarkus.http.limits.max-body-size}. Vert.x' HTTP decoder refuses beyond its own limits
 * with an empty 414/431 before any handler runs (Quarkus exposes no hook on that answer), so application.properties
 * sets those decoder limits well above the ones enforced here, as a last ceiling. Runs right after
 * {@code RequestTelemetryFilter}, so a refused request still has its ids, trace and completion log line.
 */
@ApplicationScoped
public class RequestLimits {

    private final int maxUriLength;
    private final int maxHeaderBytes;
    private final long maxBodyBytes;
    private final long drainMillis;
    private final Vertx vertx;
    private final ObjectMapper json;

    public RequestLimits(HttpLimitsConfig config, Vertx vertx, ObjectMapper json) {
        this.maxUriLength = config.maxUriLength();
        this.maxHeaderBytes = config.maxHeaderBytes();
        this.drainMillis = Math.max(1, config.refusedBodyDrain().toMillis());
        // One knob for the body: the limit Quarkus itself enforces on chunked bodies (with an empty 413).
        this.maxBodyBytes = ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        this.vertx = vertx;
        this.json = json;
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, 990); // after RequestTelemetryFilter (1000), before every route
    }

    void handle(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (request.uri().length() > maxUriLength) {
            refuse(rc, 414, "URI too long", "The request target is longer than " + maxUriLength + " characters");
            return;
        }
        if (headerBytes(request) > maxHeaderBytes) {
            refuse(rc, 431, "Request header fields too large", "The request headers are larger than " + maxHeaderBytes + " bytes");
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredLength(length) > maxBodyBytes) {
            refuse(rc, 413, "Content too large", "The request body is larger than " + maxBodyBytes + " bytes");
            return;
        }
        rc.next();
    }

    private static long headerBytes(HttpServerRequest request) {
        long bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
        }
        return bytes;
    }

    private static long declaredLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1; // not ours to judge: Vert.x refuses a malformed Content-Length itself
        }
    }

    /** Answers, then reads and drops what the client still sends (bounded in time), then closes the connection. */
    private void refuse(RoutingContext rc, int status, String title, String detail) {
        String body;
        try {
            body = json.writeValueAsString(ProblemMappers.problem(ProblemTypes.HTTP_ERROR, title, status, detail, null));
        } catch (JsonProcessingException e) {
            rc.fail(e);
            return;
        }
        HttpServerRequest request = rc.request();
        HttpConnection connection = request.connection();
        if (!request.isEnded()) {
            long timer = vertx.setTimer(drainMillis, t -> connection.close());
            request.handler(ignored -> {
            }).endHandler(done -> {
                vertx.cancelTimer(timer);
                connection.close();
            });
            request.resume();
        }
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close").end(body).onComplete(sent -> {
                    if (request.isEnded()) {
                        connection.close();
                    }
                });
    }
}
