package dev.obslab.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.DoubleSupplier;

import io.restassured.RestAssured;

/** Fires many requests at once and samples a figure of the server while they are in flight. */
public final class Concurrent {

    public record Result(List<Integer> statuses, long elapsedMillis, double peakSample) {
    }

    private Concurrent() {
    }

    public static Result get(String pathAndQuery, int count, DoubleSupplier sample) {
        // A small fixed pool: in JVM tests client and server share the JVM, and the server's threads are measured.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
                .connectTimeout(Duration.ofSeconds(10)).build();
        URI uri = URI.create(RestAssured.baseURI + ":" + RestAssured.port + pathAndQuery);
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.discarding()));
        }
        double peak = 0;
        while (!calls.stream().allMatch(CompletableFuture::isDone)
                && System.nanoTime() - started < Duration.ofSeconds(60).toNanos()) {
            peak = Math.max(peak, sample.getAsDouble());
            sleep(100);
        }
        List<Integer> statuses = calls.stream().map(c -> c.join().statusCode()).toList();
        pool.shutdownNow();
        return new Result(statuses, (System.nanoTime() - started) / 1_000_000, peak);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
