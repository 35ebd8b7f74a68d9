package dev.obslab.drills;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The bookkeeping of one drill, free of I/O and clocks so it can be fed fixed sequences in tests: what Prometheus
 * showed ({@link #observe}) and what Alertmanager delivered ({@link #notified}) go in; the transitions, the state of
 * each expected alert, the unexpected ones and what is still missing come out. Alerts already active when the drill
 * started are not the drill's doing and are left out.
 */
final class DrillJudge {

    /** A change worth a log line and a metric: an alert went pending, firing, notified, resolved. */
    record Transition(String alert, Map<String, String> labels, String stage, Instant at, boolean expected,
            Double secondsFromFault) {
    }

    /** One alert as the drill saw it. */
    private static final class Tracked {
        final AlertMatcher matcher; // null for an unexpected alert
        String name;
        Map<String, String> labels;
        boolean forbidden;
        Instant pendingAt;
        Instant firingAt;
        Instant notifiedAt;
        Instant resolvedAt;
        Instant resolvedNotifiedAt;

        Tracked(AlertMatcher matcher, String name, Map<String, String> labels) {
            this.matcher = matcher;
            this.name = name;
            this.labels = labels;
        }
    }

    private final Drill drill;
    private final Instant faultStart;
    private final Set<String> before = new HashSet<>();
    private final List<Tracked> expected = new ArrayList<>();
    private final Map<String, Tracked> unexpected = new LinkedHashMap<>();

    DrillJudge(Drill drill, Instant faultStart, Collection<AlertSample> activeBefore) {
        this.drill = drill;
        this.faultStart = faultStart;
        activeBefore.forEach(a -> before.add(key(a.name(), a.labels())));
        drill.expect().forEach(m -> expected.add(new Tracked(m, m.alert(), null)));
    }

    /** What Prometheus showed at {@code at}: every pending or firing alert. */
    List<Transition> observe(Instant at, List<AlertSample> active) {
        List<Transition> out = new ArrayList<>();
        Set<String> now = new HashSet<>();
        for (AlertSample a : active) {
            String key = key(a.name(), a.labels());
            now.add(key);
            if (before.contains(key)) {
                continue;
            }
            Tracked t = tracked(a.name(), a.labels());
            if (t.pendingAt == null) {
                t.pendingAt = a.activeAt() == null ? at : a.activeAt();
                out.add(transition(t, "pending", t.pendingAt));
            }
            if (a.firing() && t.firingAt == null) {
                t.firingAt = at;
                out.add(transition(t, "firing", at));
            }
        }
        for (Tracked t : all()) {
            if (t.firingAt != null && t.resolvedAt == null && t.labels != null && !now.contains(key(t.name, t.labels))) {
                t.resolvedAt = at;
                out.add(transition(t, "resolved", at));
            }
        }
        return out;
    }

    /** One alert of a webhook Alertmanager delivered at {@code at}: status firing or resolved. */
    List<Transition> notified(Instant at, String status, String name, Map<String, String> labels) {
        boolean resolved = "resolved".equals(status);
        // the alert Prometheus showed (Alertmanager adds labels, never drops them), else an expectation it meets
        Tracked t = all().stream().filter(c -> c.labels != null && new AlertMatcher(c.name, c.labels).matches(name, labels))
                .findFirst().orElseGet(() -> expected.stream().filter(e -> e.matcher.matches(name, labels)
                        && (resolved ? e.resolvedNotifiedAt : e.notifiedAt) == null).findFirst().orElse(null));
        if (t == null || (resolved ? t.resolvedNotifiedAt : t.notifiedAt) != null) {
            return List.of();
        }
        if (resolved) {
            t.resolvedNotifiedAt = at;
        } else {
            t.notifiedAt = at;
        }
        return List.of(transition(t, resolved ? "resolved-notified" : "notified", at));
    }

    /** Every expected alert fired and was notified (false when nothing is expected). */
    boolean detected() {
        return !expected.isEmpty() && expected.stream().allMatch(t -> t.firingAt != null && t.notifiedAt != null);
    }

    /** Every expected alert that fired is resolved again. */
    boolean resolved() {
        return expected.stream().allMatch(t -> t.resolvedAt != null);
    }

    /** The first forbidden alert that fired, as "Name{labels} at time". */
    Optional<String> forbiddenFired() {
        return unexpected.values().stream().filter(t -> t.forbidden && t.firingAt != null).findFirst()
                .map(t -> t.name + t.labels + " fired at " + t.firingAt);
    }

    /** What the expected alerts still lack, in words; empty when nothing does. */
    String missing() {
        List<String> lacks = new ArrayList<>();
        for (Tracked t : expected) {
            String what = t.matcher.toString();
            if (t.pendingAt == null) {
                lacks.add(what + " never went pending");
            } else if (t.firingAt == null) {
                lacks.add(what + " went pending at " + t.pendingAt + " but never fired");
            } else if (t.notifiedAt == null) {
                lacks.add(what + " fired at " + t.firingAt + " but no notification reached the lab (Alertmanager's "
                        + "route, its webhook URL, or its group_wait)");
            } else if (t.resolvedAt == null) {
                lacks.add(what + " fired and was notified but did not resolve after the fault ended");
            }
        }
        return String.join("; ", lacks);
    }

    List<AlertReport> expectedReports() {
        return expected.stream().map(this::report).toList();
    }

    List<AlertReport> unexpectedReports() {
        return unexpected.values().stream().map(this::report).toList();
    }

    private Tracked tracked(String name, Map<String, String> labels) {
        for (Tracked t : expected) {
            if (t.labels != null && t.name.equals(name) && t.labels.equals(labels)) {
                return t;
            }
        }
        for (Tracked t : expected) {
            if (t.labels == null && t.matcher.matches(name, labels)) {
                t.name = name;
                t.labels = Map.copyOf(labels);
                return t;
            }
        }
        return unexpected.computeIfAbsent(key(name, labels), k -> {
            Tracked t = new Tracked(null, name, Map.copyOf(labels));
            t.forbidden = drill.forbid().stream().anyMatch(m -> m.matches(name, labels));
            return t;
        });
    }

    private List<Tracked> all() {
        return java.util.stream.Stream.concat(expected.stream(), unexpected.values().stream()).toList();
    }

    private Transition transition(Tracked t, String stage, Instant at) {
        return new Transition(t.name, t.labels != null ? t.labels : t.matcher.labels(), stage, at, t.matcher != null,
                seconds(at));
    }

    private AlertReport report(Tracked t) {
        Map<String, String> labels = t.labels != null ? t.labels : t.matcher.labels();
        return new AlertReport(t.name, labels, t.matcher != null, t.forbidden, t.pendingAt, t.firingAt, t.notifiedAt,
                t.resolvedAt, t.resolvedNotifiedAt, seconds(t.firingAt), seconds(t.notifiedAt));
    }

    private Double seconds(Instant at) {
        return at == null ? null : Duration.between(faultStart, at).toMillis() / 1000.0;
    }

    private static String key(String name, Map<String, String> labels) {
        return name + new java.util.TreeMap<>(labels);
    }
}
