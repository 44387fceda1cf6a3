package io.releasekit.core.internal;

import java.util.Optional;

/**
 * Git's ref-name rules, shared by {@code core.scm.RefNames} (the public API) and {@code core.version.TagScheme} (which
 * checks a tag prefix) without making the version package depend on the scm package, which depends on it.
 */
public final class GitRefNames {

    /** The longest ref name releasekit accepts. */
    public static final int MAX_LENGTH = 255;

    private GitRefNames() {}

    /** Why {@code name} is not a valid branch or tag name, or empty when it is valid. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("is empty");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("is " + name.length() + " characters long; at most " + MAX_LENGTH + " allowed");
        }
        if (name.startsWith("-")) {
            return Optional.of("starts with '-'");
        }
        if (name.equals("@")) {
            return Optional.of("is '@'");
        }
        if (name.startsWith("/") || name.endsWith("/")) {
            return Optional.of("starts or ends with '/'");
        }
        if (name.endsWith(".")) {
            return Optional.of("ends with '.'");
        }
        if (name.contains("..")) {
            return Optional.of("contains '..'");
        }
        if (name.contains("@{")) {
            return Optional.of("contains '@{'");
        }
        if (name.contains("//")) {
            return Optional.of("contains '//'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("contains a control character at position " + i);
            }
            if (" ~^:?*[\\".indexOf(c) >= 0) {
                return Optional.of("contains '" + c + "'");
            }
        }
        for (String component : name.split("/")) {
            if (component.startsWith(".")) {
                return Optional.of("has a component starting with '.'");
            }
            if (component.endsWith(".lock")) {
                return Optional.of("has a component ending with '.lock'");
            }
        }
        return Optional.empty();
    }
}
