package dev.obslab.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

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
        return distinct(1).get(0);
    }

    /** {@code n} such ports, all held open until every one is chosen, so no two are the same. */
    public static List<Integer> distinct(int n) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing a just-bound socket: nothing to do
                }
            }
        }
    }
}
