/**
 * Feature {@code /api/traffic}: the built-in traffic generator, paced evenly, bounded in flight, sending real HTTP
 * requests to this instance (or {@code simulator.traffic.base-url}); counts what it sent. May use: settings (its
 * validation constraints), random, http,
 * telemetry.
 */
package dev.obslab.traffic;
