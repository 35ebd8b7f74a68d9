package dev.obslab.live.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.obslab.support.Scrape;

/** Requests to a service on loopback (java.net.http, HTTP/1.1): status, X-Trace-Id, body and its JSON. */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** One answer; {@code json} is null when the body is not JSON. */
    public record Answer(int status, String traceId, String text, JsonNode json) {
        public String brief() {
            return status + " " + text.substring(0, Math.min(200, text.length()));
        }
    }

    private Http() {
    }

    public static Answer get(String base, String path) {
        return call(base, "GET", path, null);
    }

    public static Answer call(String base, String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(40));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : body.toString()));
        }
        HttpResponse<String> res = send(request.build());
        return new Answer(res.statusCode(), res.headers().firstValue("X-Trace-Id").orElse(null), res.body(),
                parse(res.body()));
    }

    /** PUT a JSON body and expect 200. */
    public static void put(String base, String path, Object body) {
        Answer a = call(base, "PUT", path, body);
        if (a.status() != 200) {
            throw new AssertionError("PUT " + base + path + ": " + a.brief());
        }
    }

    /** GET a JSON document and expect 200. */
    public static JsonNode json(String base, String path) {
        Answer a = get(base, path);
        if (a.status() != 200 || a.json() == null) {
            throw new AssertionError("GET " + base + path + ": " + a.brief());
        }
        return a.json();
    }

    /** The service's metrics in the text format. */
    public static Scrape scrape(String base) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/q/metrics")).header("Accept", "text/plain")
                .timeout(Duration.ofSeconds(40)).build();
        return Scrape.parse(send(request).body());
    }

    /** The sum over a family's series whose labels hold every given {@code key="value"}. */
    public static double metric(String base, String family, String... labels) {
        return scrape(base).sum(family, labels);
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** True when a GET of the URL answers 2xx (false on any connection error). */
    public static boolean ok(String url) {
        try {
            int status = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
