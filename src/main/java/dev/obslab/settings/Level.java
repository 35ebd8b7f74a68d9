package dev.obslab.settings;

import java.util.Locale;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Log levels a simulated event can have, mapped onto JBoss Logging's. */
@RegisterForReflection // Jackson reads the constants and their @JsonProperty names, also in a native image
public enum Level {
    TRACE(Logger.Level.TRACE),
    DEBUG(Logger.Level.DEBUG),
    INFO(Logger.Level.INFO),
    WARN(Logger.Level.WARN),
    ERROR(Logger.Level.ERROR);

    private final Logger.Level jboss;

    Level(Logger.Level jboss) {
        this.jboss = jboss;
    }

    public Logger.Level jboss() {
        return jboss;
    }

    /** Case-insensitive lookup for query parameters; empty when the name is not a level. */
    public static Optional<Level> parse(String name) {
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
