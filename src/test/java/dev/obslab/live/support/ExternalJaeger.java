package dev.obslab.live.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/** A running Jaeger (compose's container): killed and started by shell commands the caller gives. */
record ExternalJaeger(String queryUrl, String healthUrl, String killCommand, String startCommand)
        implements JaegerBackend {

    @Override
    public void kill() {
        run(killCommand);
    }

    @Override
    public void start() {
        run(startCommand);
    }

    @Override
    public boolean killable() {
        return killCommand != null && startCommand != null;
    }

    private static void run(String command) {
        if (command == null) {
            throw new IllegalStateException("no command given (-Dlive.jaeger-kill-cmd, -Dlive.jaeger-start-cmd)");
        }
        try {
            Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("`" + command + "` failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
