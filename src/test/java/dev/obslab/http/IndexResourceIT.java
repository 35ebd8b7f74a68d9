package dev.obslab.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class IndexResourceIT extends IndexResourceTest {
}
