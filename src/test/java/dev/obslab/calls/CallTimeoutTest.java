package dev.obslab.calls;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.obslab.support.SettingsGuard;
import dev.obslab.support.StubDownstream;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A call past {@code simulator.process.call-timeout-ms} (shortened to 500 ms here) is cancelled with 504. */
@QuarkusTest
@TestProfile(ShortCallTimeout.class)
class CallTimeoutTest {

    private final SettingsGuard settings = new SettingsGuard();
    private StubDownstream stub;

    @BeforeEach
    void save() {
        settings.save();
        stub = new StubDownstream();
    }

    @AfterEach
    void restore() {
        settings.restore();
        stub.close();
    }

    @Test
    void aCallPastTheTimeoutIsCancelledWith504() {
        CallStepsTest.steps(stub.url());
        // The downstream would answer after 30 s; the 504 proves the call was given up at the timeout, however busy
        // the machine: not before the timeout, and not by waiting the downstream out.
        stub.delay(30_000);
        long started = System.nanoTime();
        given().queryParam("delay_ms", 0).get("/process").then().statusCode(504)
                .contentType("application/problem+json").body("detail", containsString("call timeout"));
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertTrue(ms >= ShortCallTimeout.TIMEOUT_MS, "answered in " + ms + " ms, before the call timeout");
        assertTrue(ms < 30_000, "answered in " + ms + " ms: the downstream's answer was waited for");
    }
}
