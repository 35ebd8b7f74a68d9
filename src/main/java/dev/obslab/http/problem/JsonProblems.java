package dev.obslab.http.problem;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What was wrong with a JSON body, in words a person can act on: not JSON at all (and where it broke), or JSON of the
 * wrong shape (which field, and what it must be, with its allowed range). Never Jackson's class names or excerpts.
 */
final class JsonProblems {

    private JsonProblems() {
    }

    static Problem of(JsonProcessingException e) {
        JsonParseException syntax = syntaxError(e);
        if (syntax != null) { // not JSON at all, wherever in the body it broke (Jackson may wrap it with a field path)
            String where = syntax.getLocation() == null ? ""
                    : " at line " + syntax.getLocation().getLineNr() + ", column " + syntax.getLocation().getColumnNr();
            return ProblemMappers.problem(ProblemTypes.MALFORMED_BODY, "Malformed request body", 400,
                    "The body is not valid JSON" + where + ": " + reason(syntax) + "; nothing changed",
                    List.of(new Problem.FieldError("body", "is not valid JSON" + where)));
        }
        List<Problem.FieldError> errors = null;
        String detail = "The body is not valid JSON";
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            errors = List.of(new Problem.FieldError(jsonPath(m.getPath()), whatIsWrong(m)));
            detail = "The body does not have the expected shape; nothing changed";
        } else if (e.getLocation() != null) {
            detail += " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        return ProblemMappers.problem(ProblemTypes.MALFORMED_BODY, "Malformed request body", 400, detail, errors);
    }

    /** The JSON syntax error behind {@code e}, if that is what it is (a number too large is not one: see below). */
    private static JsonParseException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException p) {
                return p;
            }
        }
        return null;
    }

    /** Jackson's own words for a syntax error, without its source excerpt and location (given separately). */
    private static String reason(JsonParseException e) {
        String message = e.getOriginalMessage() == null ? "unexpected input" : e.getOriginalMessage();
        for (String cut : new String[] { "\n", " (start marker", " at [Source" }) {
            int at = message.indexOf(cut);
            message = at > 0 ? message.substring(0, at) : message;
        }
        return message;
    }

    /** A short reason without Jackson's internals (class names, source excerpts). */
    private static String whatIsWrong(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return "must be one of " + Arrays.toString(f.getTargetType().getEnumConstants()) + ", got '" + f.getValue() + "'";
        }
        String range = AllowedRange.of(e.getPath().get(e.getPath().size() - 1));
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "must be " + describe(m.getTargetType()) + range;
        }
        if (e.getCause() instanceof InputCoercionException c && c.getTargetType() != null) {
            return "must be " + describe(c.getTargetType()) + range; // e.g. 1000000000000 for an int: out of range
        }
        return range.isEmpty() ? "has the wrong type for this field" : "must be a value" + range;
    }

    private static String describe(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }


    private static String jsonPath(List<JsonMappingException.Reference> refs) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
