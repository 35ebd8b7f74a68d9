/**
 * Live tests: the service's own contract checked against real processes on loopback (the packaged jar, the pinned
 * Jaeger v2 and Prometheus 3), or against a running stack given by {@code -Dlive.*-url} (compose). Traces in Jaeger,
 * three services in one trace, a backend outage, hostile clients, graceful shutdown. Run by {@code -Plive}
 * (failsafe, {@code *LiveIT}), never by the default build. Uses {@code live.support} and {@code dev.obslab.support}.
 */
package dev.obslab.live;
