/**
 * Feature {@code /generate_logs}: bursts of simulated log events from fake subsystems, with a realistic level mix and
 * stack traces on errors; counts them by level. May use: settings, random, http, telemetry.
 */
package dev.obslab.logs;
