package dev.obslab.telemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Spans go to a loopback port where nothing listens, through a queue of two: every export fails, most spans drop. */
public class UnreachableCollector implements QuarkusTestProfile {

    static final int QUEUE = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("simulator.traces.endpoint", "http://127.0.0.1:" + freePort(),
                "simulator.traces.max-queue-size", Integer.toString(QUEUE),
                "simulator.traces.max-export-batch-size", "1",
                "simulator.traces.export-timeout", "2s");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
