package dev.obslab.logs;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.random.RandomGenerator;

import dev.obslab.settings.Level;
import dev.obslab.settings.Subsystem;

/**
 * Realistic log messages of the fake subsystems, by level. ERROR events carry a real exception (with a cause) so the
 * stack trace lands in the log line exactly as an application's would.
 */
final class LogCatalogue {

    record Event(String message, Throwable error) {
    }

    private static final Map<Subsystem, Map<Level, List<String>>> MESSAGES = new EnumMap<>(Subsystem.class);

    static {
        MESSAGES.put(Subsystem.PAYMENTS, Map.of(
                Level.TRACE, List.of("Serialized authorization request for order %ORDER% (%BYTES% bytes)"),
                Level.DEBUG, List.of("Selected acquirer route %ROUTE% for card BIN %BIN%",
                        "Idempotency key %KEY% not seen before, proceeding"),
                Level.INFO, List.of("Payment authorized for order %ORDER%: %AMOUNT% EUR in %MS% ms",
                        "Refund %KEY% settled for order %ORDER%"),
                Level.WARN, List.of("Acquirer %ROUTE% slow: authorization took %MS% ms (budget 800 ms)",
                        "Retrying capture for order %ORDER% (attempt %ATTEMPT% of 3)"),
                Level.ERROR, List.of("Payment authorization failed for order %ORDER%")));
        MESSAGES.put(Subsystem.INVENTORY, Map.of(
                Level.TRACE, List.of("Stock snapshot for SKU %SKU% read from replica %REPLICA%"),
                Level.DEBUG, List.of("Reservation %KEY% holds %QTY% x SKU %SKU% until expiry"),
                Level.INFO, List.of("Reserved %QTY% x SKU %SKU% for order %ORDER%",
                        "Released expired reservation %KEY%"),
                Level.WARN, List.of("SKU %SKU% below reorder threshold: %QTY% left",
                        "Reservation %KEY% conflicted, re-reading stock"),
                Level.ERROR, List.of("Could not reserve stock for order %ORDER%")));
        MESSAGES.put(Subsystem.AUTH, Map.of(
                Level.TRACE, List.of("Token introspection cache lookup for client %CLIENT%"),
                Level.DEBUG, List.of("JWT for user %USER% valid, %MS% s until expiry"),
                Level.INFO, List.of("User %USER% signed in from client %CLIENT%",
                        "Issued access token for client %CLIENT%"),
                Level.WARN, List.of("Failed sign-in for user %USER% (attempt %ATTEMPT%)",
                        "Signing key rotation due in %MS% s"),
                Level.ERROR, List.of("Token verification failed for client %CLIENT%")));
        MESSAGES.put(Subsystem.CACHE, Map.of(
                Level.TRACE, List.of("GET product:%SKU% -> hit"),
                Level.DEBUG, List.of("Evicted %QTY% keys from region catalog (LRU)",
                        "GET session:%USER% -> miss, loading"),
                Level.INFO, List.of("Cache region catalog warmed with %QTY% entries in %MS% ms"),
                Level.WARN, List.of("Cache hit ratio of region catalog dropped to 0.%ATTEMPT%1",
                        "Slow cache command GET product:%SKU% took %MS% ms"),
                Level.ERROR, List.of("Cache node %REPLICA% unreachable")));
        MESSAGES.put(Subsystem.DATABASE, Map.of(
                Level.TRACE, List.of("Prepared statement orders.by_id bound with id %ORDER%"),
                Level.DEBUG, List.of("Connection pool: %QTY% active, %ATTEMPT% idle",
                        "Query orders.by_customer returned %QTY% rows in %MS% ms"),
                Level.INFO, List.of("Committed transaction for order %ORDER% in %MS% ms"),
                Level.WARN, List.of("Slow query orders.by_customer: %MS% ms",
                        "Connection pool at %QTY%% of capacity"),
                Level.ERROR, List.of("Transaction rolled back for order %ORDER%")));
    }

    private LogCatalogue() {
    }

    static Event event(Subsystem subsystem, Level level, RandomGenerator random) {
        List<String> templates = MESSAGES.get(subsystem).get(level);
        String message = fill(templates.get(random.nextInt(templates.size())), random);
        return new Event(message, level == Level.ERROR ? error(subsystem, random) : null);
    }

    private static Throwable error(Subsystem subsystem, RandomGenerator random) {
        return switch (subsystem) {
            case PAYMENTS -> new IllegalStateException("Acquirer " + route(random) + " did not answer",
                    new SocketTimeoutException("Read timed out after 3000 ms"));
            case INVENTORY -> new IllegalStateException("Optimistic lock failed on SKU " + sku(random),
                    new SQLTransientConnectionException("Lock wait timeout exceeded; try restarting transaction"));
            case AUTH -> new SecurityException("Signature of token does not match any active key",
                    new IllegalArgumentException("Unknown key id kid-" + random.nextInt(100)));
            case CACHE -> new UncheckedIOException("Lost connection to cache node",
                    new ConnectException("Connection refused: cache-" + random.nextInt(3) + ":6379"));
            case DATABASE -> new IllegalStateException("Could not commit transaction",
                    new TimeoutException("Connection is not available, request timed out after 5000 ms"));
        };
    }

    private static String fill(String template, RandomGenerator r) {
        return template
                .replace("%ORDER%", "ord-" + (100000 + r.nextInt(900000)))
                .replace("%AMOUNT%", String.format(java.util.Locale.ROOT, "%.2f", 5 + r.nextDouble() * 495))
                .replace("%MS%", Integer.toString(1 + r.nextInt(2500)))
                .replace("%BYTES%", Integer.toString(200 + r.nextInt(2000)))
                .replace("%ROUTE%", route(r))
                .replace("%BIN%", Integer.toString(400000 + r.nextInt(99999)))
                .replace("%KEY%", Long.toHexString(r.nextLong() & 0xffffffffL))
                .replace("%ATTEMPT%", Integer.toString(1 + r.nextInt(3)))
                .replace("%SKU%", sku(r))
                .replace("%QTY%", Integer.toString(1 + r.nextInt(50)))
                .replace("%REPLICA%", "replica-" + r.nextInt(3))
                .replace("%CLIENT%", "client-" + (char) ('a' + r.nextInt(6)))
                .replace("%USER%", "user-" + r.nextInt(10000));
    }

    private static String route(RandomGenerator r) {
        return List.of("acq-eu-1", "acq-eu-2", "acq-us-1").get(r.nextInt(3));
    }

    private static String sku(RandomGenerator r) {
        return "SKU-" + (1000 + r.nextInt(9000));
    }

}
