package io.releasekit.registry;

import io.releasekit.core.InvalidInputException;
import io.releasekit.core.redact.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * How releasekit signs in to a registry: anonymously, or with a user name and password (or robot token) that the
 * registry takes as HTTP Basic or exchanges at its token server for a bearer token (the challenge flow of Docker Hub,
 * Quay and GHCR). Quay's API additionally takes an OAuth application token.
 *
 * @param username the user or robot account, if any
 * @param password its password or token
 * @param apiToken an OAuth token for Quay's API, if any
 */
public record RegistryCredentials(Optional<String> username, Optional<Secret> password, Optional<Secret> apiToken) {

    /** Validates that a user comes with a password. */
    public RegistryCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(apiToken, "apiToken");
        if (username.isPresent() != password.isPresent()) {
            throw new InvalidInputException("registry credentials need both a user name and a password");
        }
    }

    /** No credentials. */
    public static RegistryCredentials anonymous() {
        return new RegistryCredentials(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A user (or robot account) and its password or token. */
    public static RegistryCredentials basic(String username, Secret password) {
        return new RegistryCredentials(Optional.of(username), Optional.of(password), Optional.empty());
    }

    /** A copy with an OAuth token for Quay's API. */
    public RegistryCredentials withApiToken(Secret token) {
        return new RegistryCredentials(username, password, Optional.of(token));
    }

    @Override
    public String toString() {
        return "RegistryCredentials[" + username.orElse("anonymous") + (apiToken.isPresent() ? ", api token" : "")
                + "]";
    }
}
