/**
 * Shared: the span pipeline (OTLP export) that counts what it exported and dropped. Imports no feature.
 */
package dev.obslab.telemetry.spans;
