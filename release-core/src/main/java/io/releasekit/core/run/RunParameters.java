package io.releasekit.core.run;

import io.releasekit.core.InvalidInputException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of a run: JSON-like values (string, boolean, number, list of strings) by name, already validated
 * against the process's {@link ParameterSpec}. Typed getters name the parameter in any error.
 */
public final class RunParameters {

    private final Map<String, Object> values;

    private RunParameters(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Parameters from a map; values must be String, Boolean, Number or List of String. */
    public static RunParameters of(Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, v instanceof List<?> l ? List.copyOf(l) : v);
            }
        });
        return new RunParameters(copy);
    }

    /** No parameters. */
    public static RunParameters empty() {
        return new RunParameters(Map.of());
    }

    /** The raw values, for storage and display. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** A required string parameter. */
    public String string(String name) {
        return optionalString(name).orElseThrow(() -> missing(name));
    }

    /** An optional string parameter. */
    public Optional<String> optionalString(String name) {
        Object v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return Optional.of(s);
        }
        throw wrongType(name, "a string", v);
    }

    /** A boolean parameter with a default. */
    public boolean bool(String name, boolean defaultValue) {
        Object v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrongType(name, "true or false", v);
    }

    /** An integer parameter with a default. */
    public long integer(String name, long defaultValue) {
        Object v = values.get(name);
        if (v == null) {
            return defaultValue;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw wrongType(name, "an integer", v);
    }

    /** A list-of-strings parameter; empty when absent. */
    public List<String> strings(String name) {
        Object v = values.get(name);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l && l.stream().allMatch(String.class::isInstance)) {
            return l.stream().map(String.class::cast).toList();
        }
        throw wrongType(name, "a list of strings", v);
    }

    /** Whether a parameter is present. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunParameters p && values.equals(p.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }

    private static InvalidInputException missing(String name) {
        return new InvalidInputException("parameter '" + name + "' is required");
    }

    private static InvalidInputException wrongType(String name, String expected, Object v) {
        return new InvalidInputException("parameter '" + name + "' must be " + expected + ", was "
                + v.getClass().getSimpleName().toLowerCase() + " " + abbreviate(String.valueOf(v)));
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
