package dev.obslab.live.support;

/** A Jaeger the tests read and may kill: a process started here, or a running one (compose) with hooks. */
public interface JaegerBackend {

    /** Its HTTP query API, the one Grafana's Jaeger datasource calls. */
    String queryUrl();

    /** A URL that answers 2xx once it is up again. */
    String healthUrl();

    /** Kills it as a crash would (SIGKILL, docker kill). */
    void kill();

    /** Starts it again with the same config, returns at once. */
    void start();

    /** True when kill() and start() act on it; a running Jaeger given without hooks cannot be. */
    boolean killable();

    /** The Jaeger {@code -Dlive.jaeger-url} names, with {@code -Dlive.jaeger-kill-cmd}/{@code -start-cmd} as hooks. */
    static JaegerBackend external(String queryUrl) {
        return new ExternalJaeger(queryUrl, LiveEnv.text("jaeger-health-url").orElse(queryUrl + "/api/services"),
                LiveEnv.text("jaeger-kill-cmd").orElse(null), LiveEnv.text("jaeger-start-cmd").orElse(null));
    }
}
