package dev.obslab.support;

import static io.restassured.RestAssured.given;

import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.http.ContentType;

/** Saves the simulator settings before a test and puts them back after, so tests cannot leak settings. */
public final class SettingsGuard {

    private static final ObjectMapper JSON = new ObjectMapper();
    private String saved;

    public void save() {
        saved = current().toString();
    }

    public void restore() {
        if (saved != null) {
            given().contentType(ContentType.JSON).body(saved).put("/api/simulator").then().statusCode(200);
        }
    }

    public String saved() {
        return saved;
    }

    public static ObjectNode current() {
        try {
            return (ObjectNode) JSON.readTree(given().get("/api/simulator").then().statusCode(200).extract().asString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Applies a change to the current settings through PUT /api/simulator and expects it to be accepted. */
    public static void change(Consumer<ObjectNode> edit) {
        ObjectNode settings = current();
        edit.accept(settings);
        given().contentType(ContentType.JSON).body(settings.toString()).put("/api/simulator").then().statusCode(200);
    }

    /** Sets /process to a fixed latency and the given failure rate. */
    public static void process(double failureRate, int fixedMs) {
        change(s -> {
            ObjectNode p = (ObjectNode) s.get("process");
            p.put("failureRate", failureRate);
            ObjectNode latency = JSON.createObjectNode().put("distribution", "fixed").put("fixedMs", fixedMs);
            p.set("latency", latency);
        });
    }
}
