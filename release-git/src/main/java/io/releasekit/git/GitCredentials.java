package io.releasekit.git;

import io.releasekit.core.InvalidInputException;

/**
 * A user name and password (or access token) for an HTTPS remote. Never printed: {@link #toString()} hides both.
 *
 * @param username the user name, e.g. {@code x-access-token} for a GitHub token
 * @param password the password or token
 */
public record GitCredentials(String username, String password) {

    public GitCredentials {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw new InvalidInputException("git credentials need both a user name and a password or token");
        }
    }

    @Override
    public String toString() {
        return "GitCredentials[***]";
    }
}
