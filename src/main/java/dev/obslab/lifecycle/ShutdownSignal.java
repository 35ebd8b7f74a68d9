package dev.obslab.lifecycle;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import sun.misc.Signal;

/**
 * SIGTERM is the normal way to stop the service (docker stop, Kubernetes, systemd), so it exits 0 after the graceful
 * shutdown (quarkus.shutdown.*: readiness down, in-flight requests finished, spans flushed). The JVM's own handler
 * runs the same shutdown but exits 128 + 15 = 143, which supervisors read as a failure.
 */
@ApplicationScoped
public class ShutdownSignal {

    private static final Logger LOG = Logger.getLogger(ShutdownSignal.class);

    void install(@Observes StartupEvent event, LaunchMode mode) {
        if (mode != LaunchMode.NORMAL) {
            return; // dev mode and tests have their own lifecycle
        }
        Signal.handle(new Signal("TERM"), signal -> {
            LOG.info("SIGTERM: shutting down gracefully");
            Quarkus.asyncExit(0);
        });
    }
}
