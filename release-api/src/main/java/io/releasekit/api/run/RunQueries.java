package io.releasekit.api.run;

import io.micronaut.core.annotation.Nullable;
import io.releasekit.core.InvalidInputException;
import io.releasekit.core.run.ParameterSpec;
import io.releasekit.core.run.RunQuery;
import io.releasekit.core.run.RunState;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns query strings into the engine's inputs, with errors naming the bad value. */
final class RunQueries {

    private RunQueries() {}

    /** A run listing filter from {@code state}, {@code kind} and {@code limit}. */
    static RunQuery of(@Nullable String state, @Nullable String kind, int limit) {
        return new RunQuery(
                Optional.ofNullable(state).filter(s -> !s.isBlank()).map(RunQueries::state),
                Optional.ofNullable(kind).filter(k -> !k.isBlank()),
                limit);
    }

    private static RunState state(String value) {
        try {
            return RunState.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "state '" + value + "' is not a run state; known: " + Arrays.toString(RunState.values()));
        }
    }

    /**
     * Query parameters typed by a kind's spec: {@code true}/{@code false} for booleans, digits for integers, a repeated
     * parameter for a list. A value that does not fit is passed on as text, so the spec's validation names it.
     */
    static Map<String, Object> typed(ParameterSpec spec, Map<String, List<String>> query) {
        Map<String, Object> out = new LinkedHashMap<>();
        query.forEach((name, values) -> {
            ParameterSpec.Type type = spec.params().stream()
                    .filter(p -> p.name().equals(name))
                    .map(ParameterSpec.Param::type)
                    .findFirst()
                    .orElse(ParameterSpec.Type.STRING);
            out.put(name, type == ParameterSpec.Type.STRING_LIST ? values : typed(type, values.get(0)));
        });
        return out;
    }

    private static Object typed(ParameterSpec.Type type, String value) {
        if (type == ParameterSpec.Type.BOOLEAN && (value.equals("true") || value.equals("false"))) {
            return Boolean.valueOf(value);
        }
        if (type == ParameterSpec.Type.INTEGER && value.matches("-?\\d{1,18}")) {
            return Long.valueOf(value);
        }
        return value;
    }
}
