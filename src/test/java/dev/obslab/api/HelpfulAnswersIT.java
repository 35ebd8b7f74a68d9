package dev.obslab.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class HelpfulAnswersIT extends HelpfulAnswersTest {
}
