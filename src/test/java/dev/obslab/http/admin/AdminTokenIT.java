package dev.obslab.http.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusIntegrationTest
@TestProfile(AdminTokenProfile.class)
class AdminTokenIT extends AdminTokenTest {
}
