/**
 * Feature {@code /api/scenarios}: named, timed changes of the settings and traffic (incidents on demand), restored
 * when they end; cross-service scenarios change another instance through its own API. May use: settings, traffic,
 * http, telemetry.
 */
package dev.obslab.scenario;
