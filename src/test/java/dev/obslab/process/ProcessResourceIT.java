package dev.obslab.process;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ProcessResourceIT extends ProcessResourceTest {
}
