package dev.obslab.settings;

import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

/**
 * The one store of the simulation settings in force: read by every request, replaced as a whole ({@code PUT
 * /api/simulator}, scenarios), validated before anything changes. A replacement fires {@link SettingsChanged}.
 */
@ApplicationScoped
@Startup
public class SettingsStore {

    private static final Logger LOG = Logger.getLogger(SettingsStore.class);

    private final AtomicReference<SimulatorSettings> settings = new AtomicReference<>();
    private final SimulatorSettings defaults;
    private final Validator validator;
    private final Event<SettingsChanged> changed;

    public SettingsStore(SettingsConfig config, Validator validator, Event<SettingsChanged> changed) {
        this.validator = validator;
        this.changed = changed;
        this.defaults = SettingsFactory.fromConfig(config);
        settings.set(validated(defaults));
    }

    public SimulatorSettings settings() {
        return settings.get();
    }

    /** The settings the service started with (application.properties and environment). */
    public SimulatorSettings defaults() {
        return defaults;
    }

    /**
     * Replaces every setting at once. Invalid settings throw {@link ConstraintViolationException} (paths relative to
     * the settings, e.g. {@code process.failureRate}) and change nothing.
     *
     * @param source who replaced them: {@code api} or {@code scenario} (a label of the changes counter)
     */
    public SimulatorSettings replace(SimulatorSettings next, String source) {
        settings.set(validated(next));
        changed.fire(new SettingsChanged(next, source));
        LOG.infof("Simulator settings replaced (source=%s): process failureRate=%s latency=%s; generate_logs failureRate=%s",
                source, next.process().failureRate(), next.process().latency().distribution(),
                next.generateLogs().failureRate());
        return next;
    }

    private SimulatorSettings validated(SimulatorSettings next) {
        Set<ConstraintViolation<SimulatorSettings>> violations = validator.validate(next);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return next;
    }
}
