/**
 * Feature {@code /process}: one simulated unit of work. The resource reads and checks the parameters, {@link
 * dev.obslab.process.ProcessPlan} draws latency and outcome (pure, seeded in tests), {@link dev.obslab.process.ProcessRun}
 * runs the steps as child spans on timers, and a call step goes through the {@link dev.obslab.process.RemoteCalls}
 * port. Owns the step metrics. May use: settings, random, http, telemetry.
 */
package dev.obslab.process;
