package dev.obslab.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class IndexResourceIT extends IndexResourceTest {
}
