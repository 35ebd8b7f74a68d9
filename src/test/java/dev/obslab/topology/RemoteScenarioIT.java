package dev.obslab.topology;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class RemoteScenarioIT extends RemoteScenarioTest {
}
