package dev.obslab.http;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.obslab.http.problem.Problem;
import dev.obslab.http.problem.ProblemException;
import dev.obslab.http.problem.ProblemTypes;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

/**
 * A query parameter the endpoint does not know is a 400 naming it and the ones it accepts: {@code /process?delay=100}
 * (a typo of {@code delay_ms}) would otherwise run with the configured latency, and the caller would never know.
 * An endpoint's parameters are read once from its method's {@code @QueryParam}s (also inside a {@code @BeanParam}).
 */
public class KnownQueryParams {

    private final Map<Method, Set<String>> known = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void refuseUnknown(ContainerRequestContext request, ResourceInfo resource) {
        Map<String, List<String>> sent = request.getUriInfo().getQueryParameters();
        Method method = resource.getResourceMethod();
        if (sent.isEmpty() || method == null) {
            return;
        }
        Set<String> accepted = known.computeIfAbsent(method, KnownQueryParams::queryParams);
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String name : new TreeSet<>(sent.keySet())) {
            if (!accepted.contains(name)) {
                errors.add(new Problem.FieldError(name, "is not a parameter of " + request.getMethod() + " /"
                        + request.getUriInfo().getPath().replaceFirst("^/", "") + "; "
                        + (accepted.isEmpty() ? "it takes none" : "it accepts " + String.join(", ", accepted))));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, ProblemTypes.INVALID_PARAMETERS, "Unknown query parameter",
                    "Unknown query parameter " + errors.stream().map(e -> "'" + e.field() + "'").toList()
                            + (accepted.isEmpty() ? "; this endpoint takes none" : "; this endpoint accepts "
                                    + String.join(", ", accepted)),
                    errors);
        }
    }

    private static Set<String> queryParams(Method method) {
        Set<String> names = new TreeSet<>();
        for (Parameter p : method.getParameters()) {
            if (p.getAnnotation(QueryParam.class) != null) {
                names.add(p.getAnnotation(QueryParam.class).value());
            } else if (p.getAnnotation(BeanParam.class) != null) {
                for (Field f : p.getType().getDeclaredFields()) {
                    if (f.getAnnotation(QueryParam.class) != null) {
                        names.add(f.getAnnotation(QueryParam.class).value());
                    }
                }
            }
        }
        return Collections.unmodifiableSet(names); // sorted: the problem lists them in a stable order
    }
}
