package dev.obslab.settings;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** Cross-field rules of the settings that single-field annotations cannot express. */
public final class SettingsConstraints {

    private SettingsConstraints() {
    }

    /** The parameters the chosen distribution needs are present and consistent; each problem names its field. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = LatencyValidator.class)
    public @interface ConsistentLatency {
        String message() default "inconsistent latency parameters";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A weight map has at least one positive weight. */
    @Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = WeightsValidator.class)
    public @interface Weights {
        String message() default "must contain at least one positive weight";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Step names are unique (they name spans and metric series). */
    @Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = UniqueStepNamesValidator.class)
    public @interface UniqueStepNames {
        String message() default "step names must be unique";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** An absolute http or https URL with a host and nothing after the path: the base URL of another instance. */
    @Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = CallUrlValidator.class)
    public @interface CallUrl {
        String message() default "must be an absolute http or https URL with a host and no query or fragment, "
                + "e.g. http://payments:8080";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    public static class CallUrlValidator implements ConstraintValidator<CallUrl, String> {
        @Override
        public boolean isValid(String url, ConstraintValidatorContext ctx) {
            return url == null || isCallUrl(url);
        }
    }

    public static boolean isCallUrl(String url) {
        if (url.length() > 200) {
            return false;
        }
        try {
            java.net.URI u = new java.net.URI(url);
            return u.isAbsolute() && ("http".equals(u.getScheme()) || "https".equals(u.getScheme()))
                    && u.getHost() != null && u.getRawQuery() == null && u.getRawFragment() == null
                    && u.getRawUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    public static class LatencyValidator implements ConstraintValidator<ConsistentLatency, LatencySettings> {
        @Override
        public boolean isValid(LatencySettings l, ConstraintValidatorContext ctx) {
            if (l == null || l.distribution() == null || !l.distribution().matches(Distribution.NAMES_PATTERN)) {
                return true; // @NotNull or @Pattern reports it
            }
            ctx.disableDefaultConstraintViolation();
            boolean ok = true;
            switch (l.kind()) {
                case FIXED -> ok = required(ctx, "fixedMs", l.fixedMs(), "fixed");
                case UNIFORM -> {
                    ok = required(ctx, "minMs", l.minMs(), "uniform") & required(ctx, "maxMs", l.maxMs(), "uniform");
                    if (ok && l.maxMs() < l.minMs()) {
                        ok = violation(ctx, "maxMs", "must be at least minMs");
                    }
                }
                case NORMAL -> ok = required(ctx, "meanMs", l.meanMs(), "normal")
                        & required(ctx, "stddevMs", l.stddevMs(), "normal");
                case LOG_NORMAL -> {
                    ok = required(ctx, "medianMs", l.medianMs(), "log-normal")
                            & required(ctx, "p99Ms", l.p99Ms(), "log-normal");
                    if (ok && l.medianMs() <= 0) {
                        ok = violation(ctx, "medianMs", "must be greater than 0 for log-normal");
                    } else if (ok && l.p99Ms() < l.medianMs()) {
                        ok = violation(ctx, "p99Ms", "must be at least medianMs");
                    }
                }
            }
            return ok;
        }

        private static boolean required(ConstraintValidatorContext ctx, String field, Double value, String dist) {
            return value != null || violation(ctx, field, "is required for distribution " + dist);
        }

        private static boolean violation(ConstraintValidatorContext ctx, String field, String message) {
            ctx.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
            return false;
        }
    }

    public static class WeightsValidator implements ConstraintValidator<Weights, Map<?, Integer>> {
        @Override
        public boolean isValid(Map<?, Integer> weights, ConstraintValidatorContext ctx) {
            return weights == null || weights.values().stream().filter(Objects::nonNull).anyMatch(w -> w > 0);
        }
    }

    public static class UniqueStepNamesValidator implements ConstraintValidator<UniqueStepNames, List<StepSettings>> {
        @Override
        public boolean isValid(List<StepSettings> steps, ConstraintValidatorContext ctx) {
            if (steps == null) {
                return true;
            }
            Set<String> seen = new HashSet<>();
            return steps.stream().filter(Objects::nonNull).map(StepSettings::name).filter(Objects::nonNull)
                    .allMatch(seen::add);
        }
    }
}
