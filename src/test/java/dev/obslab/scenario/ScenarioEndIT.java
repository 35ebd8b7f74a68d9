package dev.obslab.scenario;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ScenarioEndIT extends ScenarioEndTest {
}
