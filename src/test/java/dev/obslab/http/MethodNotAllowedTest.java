package dev.obslab.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.obslab.http.problem.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Every 405 and OPTIONS names the methods its path answers (RFC 9110 Allow), as the OpenAPI document describes them. */
@QuarkusTest
class MethodNotAllowedTest {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");

    @Test
    void every405AndOptionsCarriesTheAllowHeaderOfItsPath() {
        Map<String, Map<String, Object>> paths = given().get("/q/openapi?format=json").then().statusCode(200)
                .extract().path("paths");
        int checked = 0;
        for (String template : paths.keySet()) {
            String path = template.replaceAll("\\{[^}]+}", "some-name");
            // A literal path wins over a template it also matches (/api/scenarios/active over /api/scenarios/{name}).
            Set<String> expected = new TreeSet<>();
            paths.forEach((t, ops) -> {
                boolean literalElsewhere = !t.equals(path) && paths.containsKey(path);
                if (!literalElsewhere && path.matches(t.replaceAll("\\{[^}]+}", "[^/]+"))) {
                    ops.keySet().forEach(m -> expected.add(m.toUpperCase()));
                }
            });
            if (expected.contains("GET")) {
                expected.add("HEAD");
            }
            expected.add("OPTIONS");
            String options = given().options(path).then().statusCode(200).extract().header("Allow");
            assertEquals(expected, Arrays.stream(options.split(",")).map(String::trim).collect(Collectors.toCollection(TreeSet::new)),
                    "Allow of OPTIONS " + path);
            for (String method : METHODS) {
                if (expected.contains(method)) {
                    continue;
                }
                Response r = given().request(method, path);
                assertEquals(405, r.statusCode(), method + " " + path);
                assertTrue(r.contentType().startsWith(Problem.MEDIA_TYPE), method + " " + path);
                String allow = r.header("Allow");
                assertTrue(allow != null, "Allow header on 405 of " + method + " " + path);
                assertEquals(expected, Arrays.stream(allow.split(",")).map(String::trim).collect(Collectors.toCollection(TreeSet::new)),
                        "Allow of " + method + " " + path);
                checked++;
            }
        }
        assertTrue(checked >= 20, "405s checked: " + checked);
    }
}
