package io.releasekit.core.scm;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.internal.Text;
import java.util.regex.Pattern;

/**
 * Checks of the arguments of repository commands, applied when they are set, before anything runs. Public so that
 * adapters check their settings by the same rules.
 */
public final class ScmArguments {

    private static final Pattern ABBREVIATED_ID = Pattern.compile("[0-9a-fA-F]{7,40}");
    private static final Pattern REMOTE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_PATH = 1024;
    private static final int MAX_MESSAGE = 64 * 1024;

    private ScmArguments() {}

    /**
     * A revision: a full or abbreviated (at least 7 digits) commit id, {@code HEAD}, or a ref name (short like {@code
     * main} or full like {@code refs/heads/main}) valid by git's rules. Expressions such as {@code main~1} are refused.
     */
    public static String revision(String what, String revision) {
        if (revision != null && (ABBREVIATED_ID.matcher(revision).matches() || revision.equals("HEAD"))) {
            return revision;
        }
        return RefNames.require(what, revision);
    }

    /** A remote name as configured in the repository, e.g. {@code origin}. */
    public static String remote(String remote) {
        if (remote == null || !REMOTE.matcher(remote).matches() || remote.endsWith(".lock")) {
            throw new InvalidInputException("remote name '" + Text.printable(remote, 64)
                    + "' is not valid (letters, digits, '.', '_', '-'; at most 64)");
        }
        return remote;
    }

    /** A file path inside the repository, relative, with '/' separators, e.g. {@code VERSION} or {@code charts/VERSION}. */
    public static String filePath(String what, String path) {
        if (path == null || path.isEmpty()) {
            throw new InvalidInputException(what + " is empty");
        }
        if (path.length() > MAX_PATH) {
            throw new InvalidInputException(what + " is " + path.length() + " characters long; at most " + MAX_PATH);
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw new InvalidInputException(
                        what + " '" + Text.printable(path, 64) + "' contains a control character or '\\'");
            }
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.equalsIgnoreCase(".git")) {
                throw new InvalidInputException(what + " '" + Text.printable(path, 64)
                        + "' must be a relative path without empty, '.', '..' or '.git' parts");
            }
        }
        return path;
    }

    /** A commit or tag message: not blank, no NUL, at most 64 KiB. */
    public static String message(String what, String message) {
        if (message == null || message.isBlank()) {
            throw new InvalidInputException(what + " is empty");
        }
        if (message.length() > MAX_MESSAGE) {
            throw new InvalidInputException(
                    what + " is " + message.length() + " characters long; at most " + MAX_MESSAGE);
        }
        if (message.indexOf('\0') >= 0) {
            throw new InvalidInputException(what + " contains a NUL character");
        }
        return message;
    }

    /** A value that must be present. */
    public static <T> T required(String what, T value) {
        if (value == null) {
            throw new InvalidInputException(what + " is required");
        }
        return value;
    }
}
