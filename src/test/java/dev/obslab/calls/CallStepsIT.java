package dev.obslab.calls;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class CallStepsIT extends CallStepsTest {
}
