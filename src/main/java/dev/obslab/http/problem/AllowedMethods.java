package dev.obslab.http.problem;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The methods each API path answers, for the {@code Allow} header RFC 9110 requires on a 405. Quarkus REST knows
 * them but does not put them on its NotAllowedException, and reading its routing tables would mean internal API, so
 * they are listed here; {@code MethodNotAllowedTest} compares this table with the OpenAPI document, so a new
 * endpoint that is missing here fails the build.
 */
public final class AllowedMethods {

    private record Route(Pattern path, List<String> methods) {
    }

    /** The methods of every template a path matches (none overlap today; a union if they ever do). */
    private static final List<Route> ROUTES = List.of(
            new Route(Pattern.compile("/"), List.of("GET")),
            new Route(Pattern.compile("/process/?"), List.of("GET", "POST")),
            new Route(Pattern.compile("/generate_logs/?"), List.of("GET", "POST")),
            new Route(Pattern.compile("/api/simulator/?"), List.of("GET", "PUT")),
            new Route(Pattern.compile("/api/traffic/?"), List.of("GET", "PUT")),
            new Route(Pattern.compile("/api/scenarios/?"), List.of("GET")),
            // {name} but not "active" or "timeline", paths of their own (ScenarioResource answers POST there 405)
            new Route(Pattern.compile("/api/scenarios/(?!(active|timeline)/?$)[^/]+/?"), List.of("POST")),
            new Route(Pattern.compile("/api/scenarios/active/?"), List.of("DELETE")),
            new Route(Pattern.compile("/api/scenarios/timeline/?"), List.of("GET")),
            new Route(Pattern.compile("/api/drills/?"), List.of("GET")),
            new Route(Pattern.compile("/api/drills/(?!(runs|notifications)/?$)[^/]+/?"), List.of("POST")),
            new Route(Pattern.compile("/api/drills/runs/?"), List.of("GET")),
            new Route(Pattern.compile("/api/drills/runs/[^/]+/?"), List.of("GET", "DELETE")),
            new Route(Pattern.compile("/api/drills/notifications/?"), List.of("POST")));

    private AllowedMethods() {
    }

    /** The Allow value for a path, e.g. {@code GET, HEAD, POST, OPTIONS} (Quarkus REST answers HEAD and OPTIONS itself). */
    public static String allow(String path) {
        Set<String> methods = new LinkedHashSet<>();
        for (Route route : ROUTES) {
            if (route.path().matcher(path).matches()) {
                methods.addAll(route.methods());
            }
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        methods.add("OPTIONS");
        return String.join(", ", methods);
    }
}
