package dev.obslab.live.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a test class started, stopped in reverse order when it closes ({@code @AutoClose static final Started}); and
 * how one process is stopped: SIGTERM, a bounded wait, then SIGKILL.
 */
public final class Started implements AutoCloseable {

    private final List<AutoCloseable> started = new ArrayList<>();

    public <T extends AutoCloseable> T add(T resource) {
        started.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
    }

    /** SIGTERM (Process.destroy on Unix), up to {@code seconds} to end, then SIGKILL. */
    static void stop(Process process, int seconds) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
