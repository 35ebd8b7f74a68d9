/**
 * Shared, domain-free telemetry: request ids and the completion log line, the metrics endpoint (OpenMetrics with
 * exemplars), histogram buckets, the service tag, one log-level vocabulary, work metrics by endpoint. Imports no
 * feature.
 */
package dev.obslab.telemetry;
