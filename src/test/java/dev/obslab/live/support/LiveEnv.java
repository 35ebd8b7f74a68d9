package dev.obslab.live.support;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the live profile passes (pom.xml, profile live) and what a caller may add: {@code -Dlive.<name>-url} points a
 * test at a running service or Jaeger (compose) instead of starting one.
 */
public final class LiveEnv {

    private LiveEnv() {
    }

    public static Path root() {
        return Path.of(System.getProperty("live.root", "."));
    }

    public static Path jar() {
        return Path.of(System.getProperty("live.jar", "target/quarkus-app/quarkus-run.jar"));
    }

    public static Path jaegerBinary() {
        return Path.of(System.getProperty("live.jaeger.binary", "tools/backends/bin/jaeger"));
    }

    public static Path prometheusBinary() {
        return Path.of(System.getProperty("live.prometheus.binary", "tools/backends/bin/prometheus"));
    }

    /** Where processes write their logs and configs: target/live. */
    public static Path logs() {
        return Path.of(System.getProperty("live.logs", "target/live"));
    }

    /** {@code -Dlive.NAME-url}: a running endpoint to use instead of starting one. */
    public static Optional<String> url(String name) {
        return text(name + "-url").map(u -> u.replaceAll("/+$", ""));
    }

    public static Optional<String> text(String name) {
        return Optional.ofNullable(System.getProperty("live." + name)).filter(v -> !v.isBlank());
    }

    public static long number(String name, long otherwise) {
        return text(name).map(Long::parseLong).orElse(otherwise);
    }

    public static List<String> list(String name) {
        return text(name).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }
}
