package dev.obslab.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A loopback port nothing listens on (free a moment ago). */
public final class UnusedPort {

    private UnusedPort() {
    }

    /**
     * One unused port per name, the same every time it is asked for: a test profile (its own class loader) and its
     * test share it through a system property, since the profile's config must name the port before a stub opens it.
     */
    public static int shared(String name) {
        String property = "obslab.test.port." + name;
        synchronized (UnusedPort.class) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, Integer.toString(get()));
            }
            return Integer.parseInt(System.getProperty(property));
        }
    }

    public static int get() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
