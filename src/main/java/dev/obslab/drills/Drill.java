package dev.obslab.drills;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A scenario plus what the alerting must do about it: the alerts that must fire ({@code expect}: each must go
 * firing, be notified and resolve), those that must not fire ({@code forbid}), and the deadline for all of it,
 * counted from the start. A drill that expects nothing holds the fault {@code holdSeconds} and passes if nothing
 * forbidden fired.
 */
@RegisterForReflection
public record Drill(String name, String description, String scenario, String service, List<AlertMatcher> expect,
        List<AlertMatcher> forbid, long deadlineSeconds, long holdSeconds) {

    public Drill {
        expect = List.copyOf(expect);
        forbid = List.copyOf(forbid);
    }

    Drill with(List<AlertMatcher> newExpect, List<AlertMatcher> newForbid, Long newDeadline) {
        return new Drill(name, description, scenario, service, newExpect == null ? expect : newExpect,
                newForbid == null ? forbid : newForbid, newDeadline == null ? deadlineSeconds : newDeadline,
                holdSeconds);
    }
}
