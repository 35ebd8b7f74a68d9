package dev.obslab.api;

import dev.obslab.telemetry.Correlation;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The last route: a path no resource claims gets a 404 problem+json instead of Vert.x' plain-text page. It is the
 * only answer written outside Quarkus REST, so it builds its body itself.
 */
@ApplicationScoped
public class UnknownPathHandler {

    void register(@Observes Router router) {
        router.route().order(Integer.MAX_VALUE).handler(rc -> {
            JsonObject problem = new JsonObject()
                    .put("type", ProblemTypes.NOT_FOUND)
                    .put("title", "Not found")
                    .put("status", 404)
                    .put("detail", "No resource at this path");
            String requestId = Correlation.requestId();
            if (requestId != null) {
                problem.put("requestId", requestId);
            }
            String traceId = Correlation.traceId();
            if (traceId != null) {
                problem.put("traceId", traceId);
            }
            rc.response().setStatusCode(404).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(problem.encode());
        });
    }
}
