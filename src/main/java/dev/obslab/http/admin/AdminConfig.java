package dev.obslab.http.admin;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * {@code SIMULATOR_ADMIN_TOKEN}: when set, the requests that change behaviour need {@code Authorization: Bearer <token>}
 * ({@link AdminTokenFilter}); scenarios that change other services send it too. Unset or empty: the controls are open.
 */
@ConfigMapping(prefix = "simulator")
public interface AdminConfig {

    Optional<String> adminToken();

    /** The value of an Authorization header that carries the token, if one is set. */
    default Optional<String> bearer() {
        return adminToken().map(String::trim).filter(t -> !t.isEmpty()).map(t -> "Bearer " + t);
    }
}
