package dev.obslab.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class GenerateLogsResourceIT extends GenerateLogsResourceTest {
}
