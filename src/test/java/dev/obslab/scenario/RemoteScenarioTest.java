package dev.obslab.scenario;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.obslab.support.Await;
import dev.obslab.support.StubDownstream;
import dev.obslab.support.UnusedPort;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A scenario that travels: started here, it reads the target service's settings, replaces them through the target's
 * API with this instance's admin token, and puts them back when stopped. The target is a stub answering as the
 * target's settings API would.
 */
@QuarkusTest
@TestProfile(RemoteScenarioTest.PaymentsIsAStub.class)
class RemoteScenarioTest {

    static final String TOKEN = "scenario-test-token";
    private static final String STUB = "payments-stub";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static StubDownstream payments;

    public static class PaymentsIsAStub implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int port = UnusedPort.shared(STUB);
            return Map.of("simulator.scenarios.services", "payments=http://127.0.0.1:" + port,
                    "simulator.admin-token", TOKEN);
        }
    }

    @BeforeAll
    static void startStub() {
        payments = new StubDownstream(UnusedPort.shared(STUB));
    }

    @AfterAll
    static void stopStub() {
        payments.close();
    }

    @AfterEach
    void stopAny() {
        given().auth().oauth2(TOKEN).delete("/api/scenarios/active");
        payments.reset();
    }

    @Test
    void onlyScenariosWhoseTargetIsKnownAreListed() {
        given().get("/api/scenarios").then().statusCode(200)
                .body("scenarios.name", hasItem("payments-latency"))
                .body("scenarios.name", not(hasItem("inventory-errors")));
    }

    @Test
    void theTargetsSettingsAreChangedWithTheTokenAndPutBack() throws Exception {
        // what payments' GET /api/simulator answers: this instance's own settings will do
        String original = given().get("/api/simulator").then().statusCode(200).extract().asString();
        payments.answer(200, "application/json", original);

        given().auth().oauth2(TOKEN).post("/api/scenarios/payments-latency").then().statusCode(202);
        List<StubDownstream.Received> changed = await(r -> r.stream().anyMatch(x -> x.method().equals("PUT")));
        StubDownstream.Received put = changed.stream().filter(x -> x.method().equals("PUT")).findFirst().orElseThrow();
        assertEquals("/api/simulator", put.path());
        assertEquals("Bearer " + TOKEN, put.header("Authorization"), "the admin token goes with the change");
        JsonNode latency = JSON.readTree(put.body()).get("process").get("latency");
        assertEquals("log-normal", latency.get("distribution").asText());
        assertEquals(900.0, latency.get("medianMs").asDouble());
        assertTrue(changed.stream().anyMatch(x -> x.method().equals("GET") && x.path().equals("/api/simulator")),
                "the target's settings were read first");
        // this instance's own simulator settings are not the scenario's to change
        given().get("/api/simulator").then().body("process.latency.medianMs", equalTo(60.0f));

        given().auth().oauth2(TOKEN).delete("/api/scenarios/active").then().statusCode(200);
        List<StubDownstream.Received> all = await(r -> r.stream().filter(x -> x.method().equals("PUT")).count() >= 2);
        StubDownstream.Received restore = all.stream().filter(x -> x.method().equals("PUT")).reduce((a, b) -> b).orElseThrow();
        assertEquals(JSON.readTree(original), JSON.readTree(restore.body()), "the target's settings are put back");
        assertEquals("Bearer " + TOKEN, restore.header("Authorization"));
    }

    private static List<StubDownstream.Received> await(Predicate<List<StubDownstream.Received>> done) {
        return Await.until(payments::received, done, Duration.ofSeconds(10));
    }
}
