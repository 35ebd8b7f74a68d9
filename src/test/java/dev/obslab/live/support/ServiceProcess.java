package dev.obslab.live.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.obslab.support.Await;
import dev.obslab.support.UnusedPort;

/**
 * The packaged service ({@code java -jar target/quarkus-app/quarkus-run.jar}) on 127.0.0.1 and a free port, its
 * output in target/live/NAME.log. Started with {@link #start}, ready once {@link #awaitReady} returns.
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** What to start: environment variables and system properties beyond host and port. */
    public static final class Spec {
        private final String name;
        private final Map<String, String> env = new LinkedHashMap<>();
        private final List<String> properties = new ArrayList<>();

        private Spec(String name) {
            this.name = name;
            env.put("DEPLOYMENT_ENVIRONMENT", "ci");
        }

        public Spec env(String key, String value) {
            env.put(key, value);
            return this;
        }

        /** Exports its spans to this Jaeger (OTLP gRPC). */
        public Spec exportTo(JaegerProcess jaeger) {
            return property("quarkus.otel.exporter.otlp.traces.endpoint", jaeger.otlpUrl());
        }

        public Spec property(String key, String value) {
            properties.add("-D" + key + "=" + value);
            return this;
        }

        /** Starts it; returns at once ({@link ServiceProcess#awaitReady} waits). */
        public ServiceProcess start() {
            int port = UnusedPort.get();
            Path log = LiveEnv.logs().resolve(name + ".log");
            List<String> command = new ArrayList<>(List.of(javaBinary(), "-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.http.port=" + port));
            command.addAll(properties);
            command.addAll(List.of("-jar", LiveEnv.jar().toString()));
            try {
                Files.createDirectories(log.getParent());
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                builder.environment().putAll(env);
                return new ServiceProcess(name, port, log, builder.start());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name, e);
            }
        }
    }

    public static Spec named(String name) {
        return new Spec(name);
    }

    /** Waits, bounded, until /q/health/ready answers 200; fails with the log's tail otherwise. */
    public ServiceProcess awaitReady() {
        boolean ready = Await.until(() -> !process.isAlive() || Http.ok(url() + "/q/health/ready"), done -> done,
                Duration.ofSeconds(120)) && process.isAlive();
        if (!ready) {
            throw new AssertionError(name + " did not become ready on " + url() + "; last lines of " + log + ":\n"
                    + tail(40));
        }
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public Process process() {
        return process;
    }

    /** SIGTERM (Process.destroy on Unix). */
    public void terminate() {
        process.destroy();
    }

    /** SIGTERM, then SIGKILL if it has not ended after the service's own shutdown timeout and some. */
    @Override
    public void close() {
        Started.stop(process, 45);
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Starts several at once and waits until every one is ready. */
    public static List<ServiceProcess> startAll(Spec... specs) {
        List<ServiceProcess> started = new ArrayList<>();
        try {
            for (Spec spec : specs) {
                started.add(spec.start());
            }
            started.forEach(ServiceProcess::awaitReady);
            return started;
        } catch (RuntimeException | AssertionError e) {
            started.forEach(ServiceProcess::close);
            throw e;
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
