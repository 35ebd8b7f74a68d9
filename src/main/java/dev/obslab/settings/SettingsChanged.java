package dev.obslab.settings;

/** Fired (synchronously, CDI) after the settings in force were replaced; observers keep their series in step. */
public record SettingsChanged(SimulatorSettings settings, String source) {
}
