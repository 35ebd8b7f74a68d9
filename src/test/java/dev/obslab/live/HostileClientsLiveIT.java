package dev.obslab.live;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.obslab.live.support.Http;
import dev.obslab.live.support.ServiceProcess;
import dev.obslab.support.Await;

/**
 * Hostile clients against the packaged service, with real sockets on loopback: an oversized header, URL and body are
 * refused with problem+json and change nothing; 2000 idle connections are held, then closed by the idle timeout, while
 * a normal client is served; a slowloris (a header byte every 0.5 s) is cut off by the idle timeout while others are
 * served. The service runs with a 4 s idle timeout so that the cut-off shows within the run. In order: the last test
 * checks the service still serves after all of it.
 */
@Isolated // 2000 sockets and a latency budget: alone
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileClientsLiveIT {

    private static final String HOST = "127.0.0.1";
    private static final long IDLE_TIMEOUT_MS = 4000;
    private static final int IDLE_CONNECTIONS = 2000;
    private static ServiceProcess service;
    private static int port;

    @BeforeAll
    static void start() {
        service = ServiceProcess.named("hostile").env("QUARKUS_HTTP_IDLE_TIMEOUT", IDLE_TIMEOUT_MS / 1000 + "s")
                .start().awaitReady();
        port = Integer.parseInt(service.url().substring(service.url().lastIndexOf(':') + 1));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /** One HTTP/1.1 response (Content-Length framed, or up to EOF), and the error that stopped sending, if any. */
    private record Response(Integer status, Map<String, String> headers, byte[] body, IOException sendError) {

        boolean isProblem(int expected) {
            if (status == null || status != expected
                    || !headers.getOrDefault("content-type", "").startsWith("application/problem+json")) {
                return false;
            }
            JsonNode json = Http.JSON.createObjectNode();
            try {
                json = Http.JSON.readTree(body);
            } catch (IOException e) {
                return false;
            }
            return json.path("status").asInt() == expected;
        }

        @Override
        public String toString() {
            return "status " + status + ", content-type " + headers.get("content-type") + ", " + body.length
                    + " body bytes" + (sendError != null ? ", send stopped: " + sendError : "");
        }
    }

    private static Response request(byte[] head, int bodyBlocks, byte[] block, int timeoutMs) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), 10_000);
            s.setTcpNoDelay(true);
            s.setSoTimeout(timeoutMs);
            OutputStream out = s.getOutputStream();
            out.write(head);
            IOException sendError = null;
            for (int i = 0; i < bodyBlocks; i++) {
                try {
                    out.write(block);
                } catch (IOException e) { // the server may stop reading once it has answered
                    sendError = e;
                    break;
                }
            }
            return read(s.getInputStream(), sendError);
        }
    }

    private static Response read(InputStream in, IOException sendError) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        int headEnd = -1;
        while (headEnd < 0) {
            int n = in.read(buf);
            if (n < 0) {
                return new Response(null, Map.of(), data.toByteArray(), sendError);
            }
            data.write(buf, 0, n);
            headEnd = indexOf(data.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        byte[] all = data.toByteArray();
        String[] lines = new String(all, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(all, headEnd + 4, all.length - headEnd - 4);
        int length = Integer.parseInt(headers.getOrDefault("content-length", "-1"));
        try {
            int n;
            while ((length < 0 || body.size() < length) && (n = in.read(buf)) >= 0) {
                body.write(buf, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // what came is what there is
        }
        byte[] b = body.toByteArray();
        return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers,
                length >= 0 && b.length > length ? Arrays.copyOf(b, length) : b, sendError);
    }

    private static int indexOf(byte[] data, byte[] what) {
        outer: for (int i = 0; i <= data.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (data[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Response get(String path, int timeoutMs) throws IOException {
        return request(("GET " + path + " HTTP/1.1\r\nHost: " + HOST + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1), 0, null, timeoutMs);
    }

    /** {@code n} normal requests one after another: problems unless every one is 200 within a second. */
    private static String servedMeanwhile(int n) {
        TreeSet<String> statuses = new TreeSet<>();
        long worst = 0;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            try {
                statuses.add(String.valueOf(get("/process?delay_ms=0&fail=false", 10_000).status()));
            } catch (IOException e) {
                statuses.add(e.toString());
            }
            worst = Math.max(worst, (System.nanoTime() - t0) / 1_000_000);
        }
        boolean ok = statuses.equals(new TreeSet<>(List.of("200"))) && worst < 1000;
        return ok ? "" : n + " requests, statuses " + statuses + ", slowest " + worst + " ms";
    }

    @Test
    @Order(1)
    void a70kBHeaderIs431ProblemJson() throws IOException {
        Response r = request(("GET /process?delay_ms=0&fail=false HTTP/1.1\r\nHost: " + HOST + "\r\nX-Big: "
                + "a".repeat(70_000) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1), 0,
                null, 15_000);
        assertTrue(r.isProblem(431), r.toString());
    }

    @Test
    @Order(2)
    void a100kBUrlIs414ProblemJson() throws IOException {
        Response r = get("/process?pad=" + "a".repeat(100_000), 15_000);
        assertTrue(r.isProblem(414), r.toString());
    }

    @Test
    @Order(3)
    void a30MBSettingsBodyIs413ProblemJsonAndChangesNothing() throws IOException {
        Response before = get("/api/simulator", 15_000);
        int size = 30 * 1024 * 1024;
        byte[] block = new byte[65536];
        Arrays.fill(block, (byte) ' ');
        Response r = request(("PUT /api/simulator HTTP/1.1\r\nHost: " + HOST + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + size + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1),
                size / block.length, block, 30_000);
        Response after = get("/api/simulator", 15_000);
        assertAll(() -> assertTrue(r.isProblem(413), r.toString()),
                () -> assertEquals(200, before.status()),
                () -> assertEquals(new String(before.body(), StandardCharsets.UTF_8),
                        new String(after.body(), StandardCharsets.UTF_8), "settings changed"));
    }

    /** A client connection watched without blocking; closed once the server closed or reset it. */
    private static final class Watched implements AutoCloseable {
        private final SocketChannel channel;
        private boolean gotData;
        private boolean closed;

        Watched() throws IOException {
            channel = SocketChannel.open();
            channel.socket().connect(new InetSocketAddress(HOST, port), 5000);
            channel.configureBlocking(false);
        }

        /** As a peek: data from the server means open; end of stream or an error means closed. */
        boolean closedByPeer() {
            if (closed || gotData) {
                return closed;
            }
            try {
                int n = channel.read(ByteBuffer.allocate(1));
                gotData = n > 0;
                closed = n < 0;
            } catch (IOException e) {
                closed = true;
            }
            return closed;
        }

        boolean send(byte b) {
            try {
                return channel.write(ByteBuffer.wrap(new byte[] { b })) == 1;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    @Test
    @Order(4)
    void idleConnectionsAreHeldWhileOthersAreServedThenClosedByTheIdleTimeout() throws IOException {
        List<Watched> idle = new ArrayList<>();
        try {
            for (int i = 0; i < IDLE_CONNECTIONS; i++) {
                idle.add(new Watched());
            }
            Await.sleep(500);
            long dropped = idle.stream().filter(Watched::closedByPeer).count();
            String served = servedMeanwhile(20);
            // The idle timeout closes them all: none of them sent a byte.
            long windowMs = IDLE_TIMEOUT_MS + 5000;
            long still = Await.until(() -> idle.stream().filter(w -> !w.closedByPeer()).count(), n -> n == 0,
                    Duration.ofMillis(windowMs));
            assertAll(() -> assertEquals(0, dropped, "idle connections closed early"),
                    () -> assertEquals("", served, "a normal client served quickly beside " + IDLE_CONNECTIONS
                            + " idle connections"),
                    () -> assertEquals(0, still, "idle connections still open " + windowMs + " ms after they "
                            + "opened (idle timeout " + IDLE_TIMEOUT_MS + " ms)"));
        } finally {
            for (Watched w : idle) {
                w.close();
            }
        }
    }

    /**
     * A client sending its request head a byte every 0.5 s. Vert.x' idle timer sits behind the HTTP decoder, so bytes
     * that do not complete a head do not reset it: the idle timeout is also a deadline for a request head.
     */
    @Test
    @Order(5)
    void aSlowlorisIsCutOffByTheIdleTimeoutWhileOthersAreServed() throws Exception {
        byte[] head = ("GET /process?delay_ms=0 HTTP/1.1\r\nHost: " + HOST + "\r\nX-Slow: " + "x".repeat(1000))
                .getBytes(StandardCharsets.ISO_8859_1);
        AtomicInteger sent = new AtomicInteger();
        try (Watched slow = new Watched()) {
            long began = System.nanoTime();
            Thread trickle = new Thread(() -> {
                for (byte b : head) {
                    if (Thread.currentThread().isInterrupted() || !slow.send(b) || !Await.sleep(500)) {
                        return;
                    }
                    sent.incrementAndGet();
                }
            });
            trickle.setDaemon(true);
            trickle.start();
            Await.sleep(1000);
            String served = servedMeanwhile(10);
            // No bound nearer the timer than the idle connections' window: this runs on busy machines.
            long windowMs = IDLE_TIMEOUT_MS + 5000;
            boolean cut = Await.until(slow::closedByPeer, c -> c,
                    Duration.ofMillis(windowMs - (System.nanoTime() - began) / 1_000_000));
            long took = (System.nanoTime() - began) / 1_000_000;
            trickle.interrupt();
            trickle.join(2000);
            assertAll(() -> assertEquals("", served, "others served while the slowloris trickles"),
                    () -> assertTrue(cut && took >= IDLE_TIMEOUT_MS * 8 / 10 && took <= windowMs, (cut ? "closed"
                            : "still open") + " after " + took + " ms and " + sent + " bytes; want closed by the idle "
                            + "timeout (" + IDLE_TIMEOUT_MS + " ms)"),
                    () -> assertTrue(sent.get() < head.length, "cut while still trickling: "
                            + sent + " of " + head.length + " bytes sent"));
        }
    }

    @Test
    @Order(6)
    void stillServingAfterAllOfIt() {
        assertEquals("", servedMeanwhile(5));
    }
}
