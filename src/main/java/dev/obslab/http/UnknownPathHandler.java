package dev.obslab.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.obslab.http.problem.Problem;
import dev.obslab.http.problem.ProblemMappers;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The last route: a path no resource claims gets the same 404 problem+json as Quarkus REST's own 404s, instead of
 * Vert.x' plain-text page. It answers outside Quarkus REST, so it serializes the {@link Problem} itself.
 */
@ApplicationScoped
public class UnknownPathHandler {

    private final ObjectMapper json;

    public UnknownPathHandler(ObjectMapper json) {
        this.json = json;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MAX_VALUE).handler(rc -> {
            try {
                rc.response().setStatusCode(404).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .end(json.writeValueAsString(ProblemMappers.notFoundProblem()));
            } catch (JsonProcessingException e) {
                rc.fail(e);
            }
        });
    }
}
