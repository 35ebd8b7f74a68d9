package dev.obslab.logs;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/** Non-blocking waits: a Vert.x timer on the caller's context, so trace context and MDC survive the wait. */
final class Delays {

    private Delays() {
    }

    static Uni<Void> sleep(Vertx vertx, long millis) {
        if (millis <= 0) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(emitter -> {
            long timer = vertx.setTimer(millis, id -> emitter.complete(null));
            emitter.onTermination(() -> vertx.cancelTimer(timer));
        });
    }
}
