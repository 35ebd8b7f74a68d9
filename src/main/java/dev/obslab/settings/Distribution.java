package dev.obslab.settings;

import java.util.Locale;

/** Shapes the simulated latency can take; JSON and config use the lower-case, hyphenated names. */
public enum Distribution {
    FIXED,
    UNIFORM,
    NORMAL,
    LOG_NORMAL;

    static final String NAMES = "fixed, uniform, normal, log-normal";
    static final String NAMES_PATTERN = "fixed|uniform|normal|log-normal";

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Distribution fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
