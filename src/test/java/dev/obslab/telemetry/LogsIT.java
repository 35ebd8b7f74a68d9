package dev.obslab.telemetry;

import java.nio.file.Path;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Reads the packaged application's stdout (JSON, prod profile), which Quarkus captures in target/quarkus.log. */
@QuarkusIntegrationTest
class LogsIT extends LogsTest {

    @Override
    protected Path logPath() {
        return Path.of("target/quarkus.log");
    }
}
