package dev.obslab.http;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class RequestLimitsIT extends RequestLimitsTest {
}
