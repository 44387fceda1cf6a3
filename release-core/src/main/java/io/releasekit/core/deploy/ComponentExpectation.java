package io.releasekit.core.deploy;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.internal.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The value a deployment's component must report: a version ({@code 0.104.0}) or a commit. A commit matches its
 * abbreviation either way ({@code 3f2a9c1} matches {@code 3f2a9c1e...}, at least 7 hex digits), as status pages often
 * show short hashes. Written {@code <component>=<value>} in run parameters.
 *
 * @param component the configured component ({@code packit-service})
 * @param expected the value it must report; empty when any value will do (the component must report one)
 */
public record ComponentExpectation(String component, Optional<String> expected) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern VALUE = Pattern.compile("[^\\p{Cntrl}]{1,200}");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{7,64}");

    public ComponentExpectation {
        if (component == null || !NAME.matcher(component).matches()) {
            throw new InvalidInputException("component name '" + Text.printable(component, 64)
                    + "' is refused: 1-100 letters, digits, '.', '_' or '-'");
        }
        expected = expected == null ? Optional.empty() : expected.map(String::strip);
        expected.ifPresent(v -> {
            if (!VALUE.matcher(v).matches()) {
                throw new InvalidInputException("expected value '" + Text.printable(v, 64) + "' of component '"
                        + component + "' is refused: 1-200 printable characters");
            }
        });
    }

    /** A component that must report {@code value}. */
    public static ComponentExpectation of(String component, String value) {
        return new ComponentExpectation(component, Optional.of(value));
    }

    /** A component that must report some value. */
    public static ComponentExpectation anyValue(String component) {
        return new ComponentExpectation(component, Optional.empty());
    }

    /**
     * Parses {@code <component>=<value>} entries.
     *
     * @param parameter the parameter name, for messages
     * @throws InvalidInputException naming the entry without {@code =}, or a component named twice
     */
    public static List<ComponentExpectation> parse(String parameter, List<String> entries) {
        List<ComponentExpectation> out = new ArrayList<>();
        for (String e : entries) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new InvalidInputException("parameter '" + parameter + "' takes <component>=<version or commit>,"
                        + " e.g. packit-service=3f2a9c1, was '" + Text.printable(e, 64) + "'");
            }
            ComponentExpectation c = of(e.substring(0, eq).strip(), e.substring(eq + 1));
            if (out.stream().anyMatch(o -> o.component().equals(c.component()))) {
                throw new InvalidInputException(
                        "parameter '" + parameter + "' names component '" + c.component() + "' twice");
            }
            out.add(c);
        }
        return out;
    }

    /** Whether a reported value satisfies this expectation. */
    public boolean matches(Optional<String> reported) {
        if (reported.isEmpty() || reported.get().isBlank()) {
            return false;
        }
        if (expected.isEmpty()) {
            return true;
        }
        String want = expected.get();
        String got = reported.get().strip();
        if (want.equals(got)) {
            return true;
        }
        return HEX.matcher(want).matches()
                && HEX.matcher(got).matches()
                && (want.toLowerCase().startsWith(got.toLowerCase())
                        || got.toLowerCase().startsWith(want.toLowerCase()));
    }

    /** {@code <component>=<value>}, or {@code <component>=(any)}. */
    @Override
    public String toString() {
        return component + "=" + expected.orElse("(any)");
    }
}
