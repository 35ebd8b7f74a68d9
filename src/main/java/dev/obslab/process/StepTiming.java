package dev.obslab.process;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One step of a request: its name and its share of the request's latency (planned, or measured for a call). */
@RegisterForReflection
public record StepTiming(String name, long delayMs) {
}
