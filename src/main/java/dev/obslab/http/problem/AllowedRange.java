package dev.obslab.http.problem;

import java.lang.reflect.Field;

import com.fasterxml.jackson.databind.JsonMappingException;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The range a settings field accepts, read from its own constraints ({@code @Min}/{@code @Max}, {@code @DecimalMin}/
 * {@code @DecimalMax}), so that a value Jackson cannot even read ({@code 2.5} or {@code 1e12} for a whole number) gets
 * the same range in its message as one that fails validation. The settings records are registered for reflection.
 */
final class AllowedRange {

    private AllowedRange() {
    }

    /** {@code " from 0 to 1000"}, or empty when the field or its constraints are unknown. */
    static String of(JsonMappingException.Reference ref) {
        Object from = ref.getFrom();
        Class<?> owner = from instanceof Class<?> c ? c : from == null ? null : from.getClass();
        if (owner == null || ref.getFieldName() == null) {
            return "";
        }
        Field field;
        try {
            field = owner.getDeclaredField(ref.getFieldName());
        } catch (NoSuchFieldException | SecurityException e) {
            return "";
        }
        String min = null;
        String max = null;
        if (field.getAnnotation(Min.class) != null) {
            min = String.valueOf(field.getAnnotation(Min.class).value());
        } else if (field.getAnnotation(DecimalMin.class) != null) {
            min = field.getAnnotation(DecimalMin.class).value();
        }
        if (field.getAnnotation(Max.class) != null) {
            max = String.valueOf(field.getAnnotation(Max.class).value());
        } else if (field.getAnnotation(DecimalMax.class) != null) {
            max = field.getAnnotation(DecimalMax.class).value();
        }
        if (min != null && max != null) {
            return " from " + min + " to " + max;
        }
        return min != null ? " of at least " + min : max != null ? " of at most " + max : "";
    }
}
