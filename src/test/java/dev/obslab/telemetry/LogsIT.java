package dev.obslab.telemetry;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Same checks on the packaged application: the Quarkus launcher turns its file handler on at the configured
 * quarkus.log.file.path, and file logs are JSON in every profile, so it reads the same file as the JVM tests.
 */
@QuarkusIntegrationTest
class LogsIT extends LogsTest {
}
