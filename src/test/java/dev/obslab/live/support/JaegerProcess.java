package dev.obslab.live.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import dev.obslab.support.Await;
import dev.obslab.support.UnusedPort;

/**
 * The pinned Jaeger v2 binary (tools/backends/bin/jaeger, scripts/build-backends.sh) run with the project's
 * observability/jaeger/jaeger.yml, only its listen addresses moved to 127.0.0.1 and free ports: a wrong key or value in
 * the project's file fails this Jaeger as it would fail the container. Log and config in target/live/NAME.*.
 */
public final class JaegerProcess implements JaegerBackend, AutoCloseable {

    static final YAMLMapper YAML = new YAMLMapper();

    private final String name;
    private final Path config;
    private final Path log;
    private final Map<String, Integer> ports;
    private volatile Process process;

    private JaegerProcess(String name, Path config, Path log, Map<String, Integer> ports) {
        this.name = name;
        this.config = config;
        this.log = log;
        this.ports = ports;
    }

    /** Starts Jaeger and waits, bounded, until its health check answers. */
    public static JaegerProcess start(String name) {
        Path dir = LiveEnv.logs();
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve(name + ".yml");
            Map<String, Integer> ports = rewrite(LiveEnv.root().resolve("observability/jaeger/jaeger.yml"), config);
            JaegerProcess jaeger = new JaegerProcess(name, config, dir.resolve(name + ".log"), ports);
            Files.deleteIfExists(jaeger.log);
            jaeger.start();
            jaeger.awaitHealthy();
            return jaeger;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the config with every listen address on 127.0.0.1 and a free port of its own; returns the port map
     * (otlp_grpc, otlp_http, query_http, query_grpc, health, metrics).
     */
    static Map<String, Integer> rewrite(Path in, Path out) throws IOException {
        ObjectNode config = (ObjectNode) YAML.readTree(in.toFile());
        Iterator<Integer> free = UnusedPort.distinct(6).iterator();
        Map<String, Integer> ports = new LinkedHashMap<>();
        move(config, "/receivers/otlp/protocols/grpc", "otlp_grpc", free, ports, in);
        move(config, "/receivers/otlp/protocols/http", "otlp_http", free, ports, in);
        move(config, "/extensions/jaeger_query/http", "query_http", free, ports, in);
        move(config, "/extensions/jaeger_query/grpc", "query_grpc", free, ports, in);
        move(config, "/extensions/healthcheckv2/http", "health", free, ports, in);
        ObjectNode prometheus = null;
        for (JsonNode reader : config.at("/service/telemetry/metrics/readers")) {
            if (reader.at("/pull/exporter/prometheus").isObject()) {
                prometheus = (ObjectNode) reader.at("/pull/exporter/prometheus");
            }
        }
        if (prometheus == null) {
            throw new IllegalStateException(in + ": no Prometheus metrics reader in service.telemetry.metrics.readers");
        }
        ports.put("metrics", free.next());
        prometheus.put("host", "127.0.0.1").put("port", ports.get("metrics"));
        YAML.writeValue(out.toFile(), config);
        return ports;
    }

    private static void move(ObjectNode config, String pointer, String name, Iterator<Integer> free,
            Map<String, Integer> ports, Path in) {
        JsonNode holder = config.at(pointer);
        if (!holder.hasNonNull("endpoint")) {
            throw new IllegalStateException(in + ": no " + name + " endpoint to move to loopback (" + pointer + ")");
        }
        ports.put(name, free.next());
        ((ObjectNode) holder).put("endpoint", "127.0.0.1:" + ports.get(name));
    }

    @Override
    public void start() {
        try {
            process = new ProcessBuilder(LiveEnv.jaegerBinary().toString(), "--config", config.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + LiveEnv.jaegerBinary()
                    + " (scripts/build-backends.sh builds it)", e);
        }
    }

    void awaitHealthy() {
        Process p = process;
        boolean up = Await.until(() -> !p.isAlive() || Http.ok(healthUrl()), done -> done, Duration.ofSeconds(60))
                && p.isAlive();
        if (!up) {
            String tail;
            try {
                tail = String.join("\n", Files.readAllLines(log));
            } catch (IOException e) {
                tail = e.toString();
            }
            close();
            throw new AssertionError("Jaeger did not start with observability/jaeger/jaeger.yml (" + name
                    + "); its log says:\n" + tail);
        }
    }

    @Override
    public void kill() {
        process.destroyForcibly();
    }

    @Override
    public boolean killable() {
        return true;
    }

    @Override
    public String queryUrl() {
        return "http://127.0.0.1:" + ports.get("query_http");
    }

    @Override
    public String healthUrl() {
        return "http://127.0.0.1:" + ports.get("health") + "/status";
    }

    public String otlpUrl() {
        return "http://127.0.0.1:" + ports.get("otlp_grpc");
    }

    /** host:port of its own metrics (Prometheus' jaeger job). */
    public String metricsAddress() {
        return "127.0.0.1:" + ports.get("metrics");
    }

    public Path log() {
        return log;
    }

    /** SIGTERM and a bounded wait (it drains for up to 10 s), then SIGKILL. */
    @Override
    public void close() {
        Started.stop(process, 20);
    }
}
