package dev.obslab.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for another instance on a loopback port: records every request it gets (path, query, headers) and
 * answers what the test sets, after an optional delay. Runs in the test JVM, so it serves the packaged jar too.
 */
public final class StubDownstream implements AutoCloseable {

    /** One request as received; header names lower case; the client's port tells its connection from another. */
    public record Received(String method, String path, String query, Map<String, String> headers, String body,
            int clientPort) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String body = "{\"status\":\"ok\"}";
    private volatile String contentType = "application/json";
    private volatile long delayMs;

    public StubDownstream() {
        this(0);
    }

    /** On a given loopback port (0: any free one). */
    public StubDownstream(int port) {
        server = loopback(port);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
            String requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), headers, requestBody, exchange.getRemoteAddress().getPort()));
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            try {
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            } catch (IOException e) {
                // the caller went away (a timeout test): nothing to answer
            }
        });
        server.start();
    }

    /** An HTTP server on a loopback port (0: any free one), a thread per exchange, not yet started. */
    static HttpServer loopback(int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public StubDownstream answer(int status, String contentType, String body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        return this;
    }

    public StubDownstream delay(long millis) {
        this.delayMs = millis;
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public void reset() {
        received.clear();
        status = 200;
        body = "{\"status\":\"ok\"}";
        contentType = "application/json";
        delayMs = 0;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
