package dev.obslab.drills;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.obslab.http.problem.ProblemException;
import dev.obslab.http.problem.ProblemTypes;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Prometheus' and Alertmanager's HTTP APIs, as a drill reads them. The JDK's client, not a REST client of Quarkus, on
 * purpose: these reads are the drill's bookkeeping, one a second, and through the instrumented client each would be
 * a trace and an HTTP client metric of this service, burying the traces of the very fault being drilled.
 */
@ApplicationScoped
class AlertBackends {

    private final HttpClient http;
    private final ObjectMapper json;
    private final URI prometheus;
    private final URI alertmanager;
    private final Duration timeout;

    AlertBackends(DrillsConfig config, ObjectMapper json) {
        this.json = json;
        this.prometheus = URI.create(trim(config.prometheusUrl()));
        this.alertmanager = URI.create(trim(config.alertmanagerUrl()));
        this.timeout = config.requestTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    String prometheusUrl() {
        return prometheus.toString();
    }

    String alertmanagerUrl() {
        return alertmanager.toString();
    }

    /** What a drill needs before it changes anything: the alert rules loaded, the alerts active now. */
    record Preflight(Set<String> alertRules, List<AlertSample> active) {

        /** Why the drill cannot tell anything here (an expected alert without a rule, or already active). */
        Optional<String> cannotDrill(Drill drill, String prometheusUrl) {
            List<String> unknown = drill.expect().stream().map(AlertMatcher::alert)
                    .filter(a -> a != null && !alertRules.contains(a)).distinct().toList();
            if (!unknown.isEmpty()) {
                return Optional.of("No alerting rule named " + unknown + " is loaded in Prometheus at " + prometheusUrl
                        + ": an alert without a rule can never fire. Its alerting rules: " + alertRules);
            }
            List<String> early = active.stream()
                    .filter(a -> drill.expect().stream().anyMatch(m -> m.matches(a.name(), a.labels())))
                    .map(a -> a.name() + a.labels() + " (" + a.state() + ")").toList();
            return early.isEmpty() ? Optional.empty() : Optional.of("Already active before the fault, so the drill "
                    + "could not tell what its fault did: " + early + "; run it again once they resolve");
        }
    }

    /** Prometheus and Alertmanager answer, or a 503 saying which does not (nothing changed yet). */
    Preflight preflight() {
        Set<String> rules = await("Prometheus", prometheus, alertRuleNames());
        List<AlertSample> active = await("Prometheus", prometheus, activeAlerts());
        await("Alertmanager", alertmanager, alertmanagerUp());
        return new Preflight(rules, active);
    }

    private <T> T await(String backend, URI url, CompletableFuture<T> answer) {
        try {
            return answer.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(backend, url, e);
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable(backend, url, e.getCause() != null ? e.getCause() : e);
        }
    }

    private static ProblemException unavailable(String backend, URI url, Throwable cause) {
        String why = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        return new ProblemException(503, ProblemTypes.BACKEND_UNAVAILABLE, backend + " cannot be reached", backend
                + " at " + url + " did not answer (" + why + "): a drill needs it to see what the alerting does. "
                + "Nothing was changed. Set SIMULATOR_DRILLS_" + backend.toUpperCase() + "_URL if it runs elsewhere",
                null);
    }

    /** The names of the alerting rules Prometheus has loaded. */
    CompletableFuture<Set<String>> alertRuleNames() {
        return get(prometheus, "/api/v1/rules?type=alert").thenApply(body -> {
            Set<String> names = new LinkedHashSet<>();
            for (JsonNode group : body.path("data").path("groups")) {
                for (JsonNode rule : group.path("rules")) {
                    if ("alerting".equals(rule.path("type").asText("alerting"))) {
                        names.add(rule.path("name").asText());
                    }
                }
            }
            return names;
        });
    }

    /** Every pending or firing alert. */
    CompletableFuture<List<AlertSample>> activeAlerts() {
        return get(prometheus, "/api/v1/alerts").thenApply(body -> {
            List<AlertSample> alerts = new ArrayList<>();
            for (JsonNode alert : body.path("data").path("alerts")) {
                Map<String, String> labels = labels(alert.path("labels"));
                String activeAt = alert.path("activeAt").asText(null);
                alerts.add(new AlertSample(labels.getOrDefault("alertname", ""), labels,
                        alert.path("state").asText(), activeAt == null ? null : Instant.parse(activeAt)));
            }
            return alerts;
        });
    }

    /** Completes when Alertmanager answers its status API. */
    CompletableFuture<Void> alertmanagerUp() {
        return get(alertmanager, "/api/v2/status").thenApply(body -> null);
    }

    static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new HashMap<>();
        node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private CompletableFuture<JsonNode> get(URI base, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + request.uri() + " answered " + response.statusCode());
            }
            try {
                return json.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException("GET " + request.uri() + " did not answer JSON: " + e.getMessage());
            }
        });
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
