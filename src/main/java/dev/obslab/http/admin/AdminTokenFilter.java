package dev.obslab.http.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import dev.obslab.http.problem.Problem;
import dev.obslab.http.problem.ProblemMappers;
import dev.obslab.http.problem.ProblemTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * The lock on the controls: with {@code simulator.admin-token} set, every {@link AdminOnly} request needs
 * {@code Authorization: Bearer <token>}, else it is answered 401 before the resource method runs (nothing changes).
 * Reads are not marked, so they stay open; with no token configured every request passes as before.
 */
@Provider
@AdminOnly
public class AdminTokenFilter implements ContainerRequestFilter {

    /** The OpenAPI security scheme of the locked operations (declared on dev.obslab.settings.SimulatorSettingsResource). */
    public static final String SECURITY_SCHEME = "adminToken";

    static final String CHALLENGE = "Bearer realm=\"observability-lab\"";
    private static final String SCHEME = "Bearer ";

    private final Token token;

    /** Quarkus REST builds providers before runtime config exists: the token is read through a lazy bean. */
    public AdminTokenFilter(Token token) {
        this.token = token;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<byte[]> expected = token.digest();
        if (expected.isEmpty()) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean bearer = header != null && header.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
        // always digest and compare, so a missing or malformed header takes the same path as a wrong token
        byte[] given = digest(bearer ? header.substring(SCHEME.length()).trim() : "");
        if (!(MessageDigest.isEqual(expected.get(), given) && bearer)) {
            Problem problem = ProblemMappers.problem(ProblemTypes.UNAUTHORIZED, "Unauthorized", 401,
                    header == null ? "This request changes the service's behaviour and needs Authorization: Bearer <admin token>"
                            : "The Authorization header does not carry the admin token",
                    null);
            request.abortWith(Response.status(401).type(Problem.MEDIA_TYPE)
                    .header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE).entity(problem).build());
        }
    }

    /** The configured token, as its SHA-256: digests of equal length keep the comparison's time independent of it. */
    @ApplicationScoped
    public static class Token {
        private final Optional<byte[]> digest;

        public Token(AdminConfig config) {
            this.digest = config.adminToken().map(String::trim).filter(t -> !t.isEmpty()).map(AdminTokenFilter::digest);
        }

        Optional<byte[]> digest() {
            return digest;
        }
    }

    static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
