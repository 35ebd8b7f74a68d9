package dev.obslab.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.obslab.http.problem.Problem;
import dev.obslab.http.problem.ProblemException;

/**
 * Reads query parameters by hand so that a bad value is a 400 naming the parameter (JAX-RS would answer 404 for a
 * parameter it cannot convert). Collects every error before failing, so one answer names all bad parameters.
 */
public final class QueryParams {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    public Optional<Integer> intInRange(String name, String raw, int min, int max) {
        if (raw == null) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below, like an out-of-range value
        }
        errors.add(new Problem.FieldError(name, "must be an integer from " + min + " to " + max + ", got '" + raw + "'"));
        return Optional.empty();
    }

    public Optional<Boolean> bool(String name, String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String v = raw.trim();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Optional.of(Boolean.valueOf(v));
        }
        errors.add(new Problem.FieldError(name, "must be true or false, got '" + raw + "'"));
        return Optional.empty();
    }

    public <T> Optional<T> oneOf(String name, String raw, Function<String, Optional<T>> parse, String allowed) {
        if (raw == null) {
            return Optional.empty();
        }
        Optional<T> value = parse.apply(raw);
        if (value.isEmpty()) {
            errors.add(new Problem.FieldError(name, "must be one of " + allowed + ", got '" + raw + "'"));
        }
        return value;
    }

    /** Throws a 400 problem naming every bad parameter seen so far. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalidParameters(List.copyOf(errors));
        }
    }
}
