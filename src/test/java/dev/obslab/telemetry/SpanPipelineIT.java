package dev.obslab.telemetry;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class SpanPipelineIT extends SpanPipelineTest {
}
