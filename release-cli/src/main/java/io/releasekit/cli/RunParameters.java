package io.releasekit.cli;

import io.releasekit.client.model.ParameterSpecType;
import io.releasekit.client.model.RunKind;
import io.releasekit.client.model.RunKindParameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code -p key=value} options turned into the typed parameters of a run kind, checked against its parameter specs
 * before anything is sent: an unknown name, a value of the wrong type or a missing required parameter is a usage
 * error. A list parameter takes comma-separated values or a repeated {@code -p}.
 */
final class RunParameters {

    private RunParameters() {}

    static Map<String, Object> parse(List<String> options, RunKind kind, Function<String, RuntimeException> usage) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String option : options) {
            int eq = option.indexOf('=');
            if (eq <= 0) {
                throw usage.apply("parameter '" + option + "' is not KEY=VALUE");
            }
            String name = option.substring(0, eq);
            String value = option.substring(eq + 1);
            RunKindParameter spec = find(kind, name)
                    .orElseThrow(() -> usage.apply("run kind '" + kind.getKind() + "' has no parameter '" + name
                            + "'; it accepts: " + names(kind)));
            ParameterSpecType type = spec.getType() == null ? ParameterSpecType.STRING : spec.getType();
            switch (type) {
                case BOOLEAN -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw usage.apply("parameter '" + name + "' is a boolean: true or false, not '" + value + "'");
                    }
                    out.put(name, Boolean.parseBoolean(value));
                }
                case INTEGER -> {
                    try {
                        out.put(name, Long.parseLong(value));
                    } catch (NumberFormatException e) {
                        throw usage.apply("parameter '" + name + "' is an integer, not '" + value + "'");
                    }
                }
                case STRING_LIST -> {
                    @SuppressWarnings("unchecked")
                    List<String> list = (List<String>) out.computeIfAbsent(name, k -> new ArrayList<String>());
                    Arrays.stream(value.split(","))
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .forEach(list::add);
                }
                default -> {
                    if (out.containsKey(name)) {
                        throw usage.apply("parameter '" + name + "' is given twice");
                    }
                    out.put(name, value);
                }
            }
        }
        for (RunKindParameter p : kind.getParameters()) {
            if (Boolean.TRUE.equals(p.getRequired()) && !out.containsKey(p.getName())) {
                throw usage.apply("run kind '" + kind.getKind() + "' needs parameter '" + p.getName() + "' ("
                        + (p.getDescription() == null ? p.getType() : p.getDescription()) + "): add -p "
                        + p.getName() + "=...");
            }
        }
        return out;
    }

    private static Optional<RunKindParameter> find(RunKind kind, String name) {
        return kind.getParameters().stream()
                .filter(p -> p.getName().equals(name))
                .findFirst();
    }

    private static String names(RunKind kind) {
        return kind.getParameters().isEmpty()
                ? "none"
                : kind.getParameters().stream().map(RunKindParameter::getName).collect(Collectors.joining(", "));
    }
}
