package dev.obslab.http;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.obslab.telemetry.Correlation;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /}: what a person opening the service's address needs. A browser (its Accept names text/html) is sent to
 * Swagger UI; any other client gets a small JSON index of the API's entry points.
 */
@Path("/")
@Tag(name = "Index")
public class IndexResource {

    static final String SWAGGER_UI = "/q/swagger-ui";

    /** The index: the service's name, where to go from here, and this request's trace id like every answer. */
    @RegisterForReflection
    public record Index(String service, String description, Map<String, String> links, String traceId) {
    }

    private static final Map<String, String> LINKS = links();

    @GET
    @Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_HTML })
    @Operation(summary = "Where to start", description = "A browser is redirected to Swagger UI; other clients get "
            + "links to the API documentation and the main endpoints.")
    @APIResponse(responseCode = "200", description = "Links to the API docs and the main endpoints",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Index.class)))
    @APIResponse(responseCode = "303", description = "A browser: see Swagger UI (Location: /q/swagger-ui)")
    public Response index(HttpHeaders headers) {
        if (wantsHtml(headers.getAcceptableMediaTypes())) {
            return Response.seeOther(URI.create(SWAGGER_UI)).build();
        }
        return Response.ok(new Index(Correlation.service(),
                "Simulated work (latency, failures, log bursts), observable end to end", LINKS, Correlation.traceId()))
                .type(MediaType.APPLICATION_JSON).build();
    }

    /** A browser asks for text/html by name; curl and API clients send no Accept, application/json or {@code *}{@code /*}. */
    private static boolean wantsHtml(List<MediaType> accepted) {
        return accepted.stream().anyMatch(t -> "text".equals(t.getType()) && "html".equals(t.getSubtype()));
    }

    private static Map<String, String> links() {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("openapi", "/q/openapi");
        links.put("swaggerUi", SWAGGER_UI);
        links.put("process", "/process");
        links.put("generateLogs", "/generate_logs");
        links.put("settings", "/api/simulator");
        links.put("traffic", "/api/traffic");
        links.put("scenarios", "/api/scenarios");
        links.put("metrics", "/q/metrics");
        links.put("health", "/q/health");
        return Collections.unmodifiableMap(links);
    }
}
