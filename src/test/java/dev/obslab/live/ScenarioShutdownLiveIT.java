package dev.obslab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.obslab.live.support.Http;
import dev.obslab.live.support.ServiceProcess;
import dev.obslab.support.Await;
import dev.obslab.support.StubDownstream;

/**
 * No fault outlives the service: a scenario started on checkout that changed another service's settings (here a stub
 * answering as inventory's settings API) puts them back when checkout gets SIGTERM, and its fault window closes as
 * {@code shutdown} (the timeline's log line).
 */
class ScenarioShutdownLiveIT {

    @Test
    void sigtermPutsBackTheSettingsAScenarioChangedOnAnotherServiceAndClosesItsWindow() throws Exception {
        try (StubDownstream inventory = new StubDownstream();
                ServiceProcess checkout = ServiceProcess.named("scenario-shutdown")
                        .env("SIMULATOR_SCENARIOS_SERVICES", "inventory=" + inventory.url())
                        .start().awaitReady()) {
            // inventory's settings: a real settings document, as the other instance would answer it
            String settings = Http.get(checkout.url(), "/api/simulator").text();
            double before = Http.JSON.readTree(settings).path("process").path("failureRate").asDouble();
            inventory.answer(200, "application/json", settings);

            assertEquals(202, Http.call(checkout.url(), "POST", "/api/scenarios/inventory-errors", null).status());
            List<StubDownstream.Received> changed = Await.until(inventory::received, r -> puts(r).size() >= 1,
                    Duration.ofSeconds(30));
            assertEquals(1, puts(changed).size(), "the scenario changed inventory's settings: " + changed);
            assertEquals(0.30, failureRate(puts(changed).get(0)), 1e-9);

            checkout.terminate();
            assertTrue(checkout.process().waitFor(60, TimeUnit.SECONDS), "checkout still running after SIGTERM");
            assertEquals(0, checkout.process().exitValue());

            List<StubDownstream.Received> puts = puts(inventory.received());
            assertEquals(2, puts.size(), "a second PUT puts inventory's settings back: " + puts);
            assertEquals(before, failureRate(puts.get(1)), 1e-9);
            assertTrue(puts.get(1).header("Authorization") == null, "no admin token is configured here");

            String window = Files.readAllLines(checkout.log()).stream()
                    .filter(l -> l.contains("\"fault.window\"")).findFirst().orElse("");
            assertTrue(window.contains("closed (shutdown)") && window.contains("inventory-errors")
                    && window.contains("\"targetService\":\"inventory\""), "the window's log line: " + window);
        }
    }

    private static List<StubDownstream.Received> puts(List<StubDownstream.Received> received) {
        return received.stream().filter(r -> r.method().equals("PUT")).toList();
    }

    private static double failureRate(StubDownstream.Received put) throws Exception {
        JsonNode body = Http.JSON.readTree(put.body());
        return body.path("process").path("failureRate").asDouble();
    }
}
