package dev.obslab.settings;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class SimulatorSettingsResourceIT extends SimulatorSettingsResourceTest {
}
