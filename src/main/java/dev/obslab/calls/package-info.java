/**
 * Feature: call steps to other instances. Implements the process port {@link dev.obslab.process.RemoteCalls} (REST
 * client, W3C trace context, forced parameters passed on), maps answers to 502/504 naming where a failure started,
 * keeps the hop rule (508) in one place, counts calls. May use: process (its port), http, telemetry.
 */
package dev.obslab.calls;
