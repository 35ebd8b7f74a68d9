package dev.obslab.scenario;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The running scenario, as the API shows it. */
@RegisterForReflection
public record Running(String name, Instant startedAt, Instant endsAt) {
}
