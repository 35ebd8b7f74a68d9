/**
 * Feature: call steps to other instances. Implements the process port {@link dev.obslab.process.RemoteCalls} (Vert.x
 * HTTP client, pooled per target; W3C trace context; forced parameters passed on), maps answers to 502/504 naming where a failure started,
 * sends the hop count (http.hops keeps the 508 rule), counts calls. May use: process (its port), http, telemetry.
 */
package dev.obslab.calls;
