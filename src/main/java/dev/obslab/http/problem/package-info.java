/**
 * Shared: the error contract. Every error is {@code application/problem+json}: {@link
 * dev.obslab.http.problem.ProblemException} (and the kinds features derive from it) answered by one mapper; the
 * framework's own errors in words a person can act on. Imports no feature; may use telemetry.
 */
package dev.obslab.http.problem;
