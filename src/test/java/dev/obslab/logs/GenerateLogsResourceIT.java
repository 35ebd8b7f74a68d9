package dev.obslab.logs;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class GenerateLogsResourceIT extends GenerateLogsResourceTest {
}
