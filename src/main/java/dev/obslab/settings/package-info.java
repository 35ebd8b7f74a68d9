/**
 * Feature {@code /api/simulator}: the one store of the simulation settings in force, their start-up values
 * ({@code simulator.process.*}, {@code simulator.generate-logs.*}), validation as a whole, a {@link
 * dev.obslab.settings.SettingsChanged} event on every change, and the settings-in-force gauges. May use: random,
 * http, telemetry.
 */
package dev.obslab.settings;
