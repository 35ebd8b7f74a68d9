package dev.obslab.http;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import dev.obslab.http.admin.AdminTokenFilter;
import dev.obslab.http.problem.Problem;

/**
 * Documents the answers every operation can give besides its own, so that the OpenAPI document describes every
 * answer of the API (the fuzz in scripts/check-reliability.sh holds us to it): an unknown query parameter (400,
 * {@link KnownQueryParams}), the request limits of
 * {@link RequestLimits} (413, 414, 431), a refused Accept header (406), the admin lock (401) on the operations that
 * require the admin token, and for operations with a JSON body a wrong
 * Content-Type (415). All problem+json, as is every 4xx and 5xx an operation declares without content. Applied at build time (mp.openapi.filter in application.properties).
 */
public class OpenApiProblems implements OASFilter {

    private static final Map<String, String> EVERY_OPERATION = new LinkedHashMap<>();

    static {
        EVERY_OPERATION.put("400", "A query parameter is unknown to this operation (or invalid); the problem names it");
        EVERY_OPERATION.put("413", "The declared body is larger than quarkus.http.limits.max-body-size");
        EVERY_OPERATION.put("414", "The request target is longer than simulator.http.max-uri-length");
        EVERY_OPERATION.put("406", "The Accept header names no media type this operation answers");
        EVERY_OPERATION.put("431", "The request headers are larger than simulator.http.max-header-bytes");
    }

    /** Said once for the four locked operations (those that require the admin token's security scheme). */
    private static final String LOCKED = "An admin token is configured and the request does not carry it "
            + "(Authorization: Bearer <token>); nothing changed";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                APIResponses responses = operation.getResponses();
                if (responses == null) {
                    responses = OASFactory.createAPIResponses();
                    operation.setResponses(responses);
                }
                if (locked(operation)) {
                    addProblem(responses, "401", LOCKED);
                }
                for (Map.Entry<String, String> e : EVERY_OPERATION.entrySet()) {
                    addProblem(responses, e.getKey(), e.getValue());
                }
                if (operation.getRequestBody() != null) {
                    addProblem(responses, "415", "The body is not application/json");
                }
                // an error an operation declares without a body is problem+json too: said here, not on every one
                responses.getAPIResponses().forEach((status, response) -> {
                    if ((status.startsWith("4") || status.startsWith("5")) && response.getContent() == null
                            && response.getRef() == null) {
                        response.content(problemContent());
                    }
                });
            }
        }
    }

    private static boolean locked(Operation operation) {
        return operation.getSecurity() != null && operation.getSecurity().stream()
                .anyMatch(r -> r.hasScheme(AdminTokenFilter.SECURITY_SCHEME));
    }

    private static void addProblem(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return; // the operation says it better itself
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                .content(problemContent()));
    }

    private static org.eclipse.microprofile.openapi.models.media.Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")));
    }
}
