package io.releasekit.core.scm;

import io.releasekit.core.InvalidInputException;

/**
 * A validated short branch name ({@code main}, {@code aether-2.1}, {@code security/hotfix}).
 *
 * @param value the name without {@code refs/heads/}
 */
public record BranchName(String value) {

    public BranchName {
        RefNames.require("branch name", value);
        if (value.equals("HEAD")) {
            throw new InvalidInputException("branch name 'HEAD' is reserved");
        }
    }

    /** A branch name from text, validated. */
    public static BranchName of(String value) {
        return new BranchName(value);
    }

    /** The full ref, {@code refs/heads/<name>}. */
    public String ref() {
        return "refs/heads/" + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
