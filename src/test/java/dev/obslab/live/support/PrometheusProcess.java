package dev.obslab.live.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.obslab.support.Await;
import dev.obslab.support.UnusedPort;

/**
 * The pinned Prometheus 3 (tools/backends/bin/prometheus) with the project's prometheus.yml and rules: each job named
 * keeps its settings with its targets replaced by loopback addresses, the others are dropped (those stack parts do
 * not run here). Data, config and log in target/live/NAME*.
 */
public final class PrometheusProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private PrometheusProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts it scraping {@code jobs} (job name to host:port; "prometheus" may be given as "self") and waits. */
    public static PrometheusProcess start(String name, Map<String, String> jobs) {
        int port = UnusedPort.get();
        Path dir = LiveEnv.logs();
        Path config = dir.resolve(name + ".yml");
        Path data = dir.resolve(name + "-data");
        try {
            Files.createDirectories(dir);
            deleteTree(data);
            rewrite(LiveEnv.root().resolve("observability/prometheus/prometheus.yml"), config,
                    LiveEnv.root().resolve("observability/prometheus/rules"), jobs, "127.0.0.1:" + port);
            Process p = new ProcessBuilder(LiveEnv.prometheusBinary().toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port,
                    "--enable-feature=exemplar-storage", "--log.level=warn").redirectErrorStream(true)
                    .redirectOutput(dir.resolve(name + ".log").toFile()).start();
            PrometheusProcess prometheus = new PrometheusProcess(p, port);
            boolean ready = Await.until(() -> !p.isAlive() || Http.ok(prometheus.url() + "/-/ready"), d -> d,
                    Duration.ofSeconds(60)) && p.isAlive();
            if (!ready) {
                prometheus.close();
                throw new AssertionError("Prometheus did not start; see " + dir.resolve(name + ".log"));
            }
            return prometheus;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void rewrite(Path in, Path out, Path rules, Map<String, String> jobs, String self) throws IOException {
        ObjectNode config = (ObjectNode) JaegerProcess.YAML.readTree(in.toFile());
        ArrayNode kept = config.arrayNode();
        for (JsonNode job : config.path("scrape_configs")) {
            String target = jobs.get(job.path("job_name").asText());
            if (target != null) {
                ArrayNode targets = config.arrayNode();
                for (String t : target.replace("self", self).split(",")) {
                    targets.add(t);
                }
                ((ObjectNode) job).set("static_configs", config.arrayNode().add(config.objectNode()
                        .set("targets", targets)));
                kept.add(job);
            }
        }
        if (kept.size() != jobs.size()) {
            throw new IllegalStateException(in + " lacks one of the jobs " + jobs.keySet());
        }
        config.set("scrape_configs", kept);
        ArrayNode ruleFiles = config.arrayNode();
        config.path("rule_files").forEach(glob -> ruleFiles.add(rules.toAbsolutePath()
                .resolve(Path.of(glob.asText()).getFileName()).toString()));
        config.set("rule_files", ruleFiles);
        JaegerProcess.YAML.writeValue(out.toFile(), config);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public void kill() {
        process.destroyForcibly();
    }

    @Override
    public void close() {
        Started.stop(process, 20);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
