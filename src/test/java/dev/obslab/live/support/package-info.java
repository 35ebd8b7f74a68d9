/**
 * The one helper set of the live tests: {@link dev.obslab.live.support.LiveEnv} (system properties),
 * {@link dev.obslab.live.support.ServiceProcess} (the jar on a free port),
 * {@link dev.obslab.live.support.JaegerProcess} and {@link dev.obslab.live.support.PrometheusProcess} (the pinned
 * binaries with the project's config moved to loopback), {@link dev.obslab.live.support.JaegerQuery},
 * {@link dev.obslab.live.support.Http}, the {@link dev.obslab.live.support.SavedSettings} extension and
 * {@link dev.obslab.live.support.Started}. Uses {@code dev.obslab.support}; imports no test.
 */
package dev.obslab.live.support;
