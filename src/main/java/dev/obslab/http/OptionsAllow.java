package dev.obslab.http;

import dev.obslab.http.problem.AllowedMethods;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Quarkus REST answers OPTIONS with every method of the resource class (OPTIONS /api/scenarios/active listed GET,
 * which is a 405 there): the Allow of an OPTIONS answer is the path's own, the same as on its 405s.
 */
@Provider
public class OptionsAllow implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (HttpMethod.OPTIONS.equals(request.getMethod()) && response.getHeaders().containsKey(HttpHeaders.ALLOW)) {
            response.getHeaders().putSingle(HttpHeaders.ALLOW, AllowedMethods.allow(request.getUriInfo().getPath()));
        }
    }
}
