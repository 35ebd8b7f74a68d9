package dev.obslab.traffic;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ScenarioEndIT extends ScenarioEndTest {
}
