/**
 * Shared: loop protection between instances, in one place. A request of a {@link HopCounted} resource comes with the
 * number of calls it came through ({@link Hops#HEADER}); past {@code simulator.process.max-hops} it is refused with
 * 508 before any work, otherwise its outgoing calls send one more ({@link Hops#next()}). Like trace context, a
 * propagated value any caller passes on, so it belongs to no feature. Imports no feature; may use http.problem,
 * telemetry.
 */
package dev.obslab.http.hops;
