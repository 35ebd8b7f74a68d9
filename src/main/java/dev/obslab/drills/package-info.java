/**
 * Feature {@code /api/drills}: alert drills. A drill runs a scenario and watches what the alerting does about it:
 * Prometheus' alert states and the notifications Alertmanager delivers to {@code POST /api/drills/notifications};
 * then it ends the fault, waits for resolution and judges (the alerts that must fire, those that must not, a
 * deadline). Reports as JSON, metrics and one log line per transition. May use: scenario, http, telemetry.
 */
package dev.obslab.drills;
