package dev.obslab.drills;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class DrillIT extends DrillTest {
}
