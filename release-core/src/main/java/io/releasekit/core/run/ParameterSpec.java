package io.releasekit.core.run;

import io.releasekit.core.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The parameters a process kind accepts. {@link #validate(Map)} refuses unknown names, missing required ones and wrong
 * types with a message naming the parameter, before anything is stored or run.
 *
 * <pre>{@code
 * ParameterSpec.builder().string("repository", true, "configured repository name")
 *         .string("tag", true, "tag to create").bool("dryRun", false, "plan only").build();
 * }</pre>
 *
 * @param params the accepted parameters, in declaration order
 */
public record ParameterSpec(List<Param> params) {

    public ParameterSpec {
        params = List.copyOf(params);
        Set<String> seen = new TreeSet<>();
        for (Param p : params) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' declared twice");
            }
        }
    }

    /** The type of a parameter value. */
    public enum Type {
        STRING,
        BOOLEAN,
        INTEGER,
        STRING_LIST
    }

    /**
     * One accepted parameter.
     *
     * @param name its name
     * @param type its type
     * @param required whether it must be present
     * @param description what it means, for the API's run-kind listing
     */
    public record Param(String name, Type type, boolean required, String description) {
        public Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks raw values and returns them as run parameters.
     *
     * @throws InvalidInputException for an unknown, missing or wrongly typed parameter
     */
    public RunParameters validate(Map<String, ?> raw) {
        Map<String, ?> values = raw == null ? Map.of() : raw;
        Map<String, Param> byName = new LinkedHashMap<>();
        params.forEach(p -> byName.put(p.name(), p));
        List<String> unknown = new ArrayList<>();
        for (String name : values.keySet()) {
            if (!byName.containsKey(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("unknown parameter(s) " + unknown + "; accepted: " + byName.keySet());
        }
        for (Param p : params) {
            Object v = values.get(p.name());
            if (v == null) {
                if (p.required()) {
                    throw new InvalidInputException(
                            "parameter '" + p.name() + "' is required (" + p.description() + ")");
                }
                continue;
            }
            if (!matches(p.type(), v)) {
                throw new InvalidInputException("parameter '" + p.name() + "' must be "
                        + p.type().name().toLowerCase().replace('_', ' ') + ", was " + describe(v));
            }
        }
        return RunParameters.of(values);
    }

    private static boolean matches(Type type, Object v) {
        return switch (type) {
            case STRING -> v instanceof String;
            case BOOLEAN -> v instanceof Boolean;
            case INTEGER -> v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue());
            case STRING_LIST -> v instanceof List<?> l && l.stream().allMatch(String.class::isInstance);
        };
    }

    private static String describe(Object v) {
        String s = String.valueOf(v);
        return v.getClass().getSimpleName().toLowerCase() + " " + (s.length() > 60 ? s.substring(0, 60) + "..." : s);
    }

    /** Builds a {@link ParameterSpec}. */
    public static final class Builder {
        private final List<Param> params = new ArrayList<>();

        private Builder() {}

        /** A string parameter. */
        public Builder string(String name, boolean required, String description) {
            params.add(new Param(name, Type.STRING, required, description));
            return this;
        }

        /** A boolean parameter. */
        public Builder bool(String name, boolean required, String description) {
            params.add(new Param(name, Type.BOOLEAN, required, description));
            return this;
        }

        /** An integer parameter. */
        public Builder integer(String name, boolean required, String description) {
            params.add(new Param(name, Type.INTEGER, required, description));
            return this;
        }

        /** A list-of-strings parameter. */
        public Builder strings(String name, boolean required, String description) {
            params.add(new Param(name, Type.STRING_LIST, required, description));
            return this;
        }

        /**
         * Adds a block of parameters several processes share, declared once (e.g. {@code
         * ParameterBlocks.REPOSITORY} of release-processes).
         */
        public Builder with(Consumer<Builder> block) {
            block.accept(this);
            return this;
        }

        /** Builds the spec. */
        public ParameterSpec build() {
            return new ParameterSpec(params);
        }
    }
}
