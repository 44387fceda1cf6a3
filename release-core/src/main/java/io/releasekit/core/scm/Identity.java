package io.releasekit.core.scm;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.internal.Text;

/**
 * Who commits and tags: the name and e-mail address written into commits and annotated tags releasekit creates.
 *
 * @param name the display name, e.g. {@code releasekit}
 * @param email the e-mail address, e.g. {@code releasekit@example.com}
 */
public record Identity(String name, String email) {

    public Identity {
        name = check("name", name);
        email = check("e-mail", email);
    }

    /** The identity used when none is configured. */
    public static Identity releasekit() {
        return new Identity("releasekit", "releasekit@localhost");
    }

    private static String check(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("committer " + what + " is empty");
        }
        if (value.length() > 200) {
            throw new InvalidInputException("committer " + what + " is " + value.length() + " characters; at most 200");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == '<' || c == '>') {
                throw new InvalidInputException("committer " + what + " '" + Text.printable(value, 64)
                        + "' contains '<', '>' or a control character");
            }
        }
        return value.strip();
    }
}
