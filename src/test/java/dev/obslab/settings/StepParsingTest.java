package dev.obslab.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Call steps in config ({@code name:weight@URL}), their URL rule, and where a failing request fails. */
class StepParsingTest {

    @Test
    void localAndCallStepsParseInOrder() {
        List<StepSettings> steps = SettingsFactory.steps(List.of("validate:10", "reserve:30@http://inventory:8080",
                " charge:40@https://payments.example:8443/base ", "persist:20"));
        assertEquals(List.of("validate", "reserve", "charge", "persist"), steps.stream().map(StepSettings::name).toList());
        assertEquals(List.of(10, 30, 40, 20), steps.stream().map(StepSettings::weight).toList());
        assertNull(steps.get(0).call());
        assertEquals("http://inventory:8080", steps.get(1).call());
        assertEquals("https://payments.example:8443/base", steps.get(2).call());
        assertFalse(steps.get(3).hasCall());
    }

    @ParameterizedTest
    @ValueSource(strings = { "reserve:30@", "reserve:30@inventory:8080", "reserve:30@ftp://inventory",
            "reserve:30@http://inventory:8080/?x=1", "reserve@http://inventory:8080" })
    void aBadCallStepNamesTheProperty(String entry) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SettingsFactory.steps(List.of(entry)));
        assertTrue(e.getMessage().startsWith("simulator.process.steps: cannot read"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://a", "http://a:1", "https://a.b/c", "http://127.0.0.1:8081" })
    void callUrlsThatAreAccepted(String url) {
        assertTrue(SettingsConstraints.isCallUrl(url));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "a", "/process", "ftp://a", "http://", "http://a?b", "http://a#b", "http://u:p@a",
            "javascript:alert(1)", "http://a b" })
    void callUrlsThatAreRefused(String url) {
        assertFalse(SettingsConstraints.isCallUrl(url));
    }


}
