package io.releasekit.github;

import io.releasekit.core.InvalidInputException;
import io.releasekit.github.internal.FailFastHandlers;
import io.releasekit.github.internal.GitHubErrors;
import io.releasekit.github.internal.RawClient;
import io.releasekit.github.internal.StreamingConnector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.authorization.AuthorizationProvider;

/**
 * One GitHub (github.com or a GitHub Enterprise server) with one token, shared by every repository on it. Built on
 * hub4j's {@code github-api}, unmodified, with a connector and error handlers that never sleep or retry: every failure
 * reaches the caller at once, translated, so the service guard decides.
 *
 * <pre>{@code
 * GitHubConnection github = GitHubConnection.builder()
 *         .endpoint("https://api.github.com")        // GitHub Enterprise: https://ghe.example.com/api/v3
 *         .token(System.getenv("GITHUB_TOKEN"))
 *         .build();
 * ReleaseHost host = github.repository("aws-cloudformation", "community-registry-extensions");
 * }</pre>
 *
 * <p>The token is sent to the API host only (and to the upload host GitHub names for a release); never to a host a
 * redirect leads to, never logged, and not part of {@link #toString()}.
 */
public final class GitHubConnection {

    /** The public GitHub API. */
    public static final String GITHUB_API = "https://api.github.com";

    private final URI endpoint;
    private final String service;
    private final GitHub github;
    private final RawClient raw;
    private final GitHubErrors errors;
    private final boolean authenticated;

    private GitHubConnection(Builder b) {
        this.endpoint = b.endpoint;
        this.service = b.service;
        this.errors = new GitHubErrors(service, b.clock);
        StreamingConnector connector = new StreamingConnector(b.connectTimeout, b.responseTimeout);
        String token = b.token;
        this.authenticated = token != null;
        AuthorizationProvider auth = token == null ? AuthorizationProvider.ANONYMOUS : () -> "Bearer " + token;
        try {
            this.github = new GitHubBuilder()
                    .withEndpoint(stripSlash(endpoint.toString()))
                    .withConnector(connector)
                    .withAuthorizationProvider(auth)
                    .withRateLimitHandler(FailFastHandlers.RATE_LIMIT)
                    .withAbuseLimitHandler(FailFastHandlers.ABUSE_LIMIT)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the GitHub client for " + endpoint, e);
        }
        this.raw = new RawClient(endpoint, connector, auth, errors);
    }

    /** Starts a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A repository on this GitHub.
     *
     * @throws InvalidInputException when the owner or repository name is not a GitHub name
     */
    public GitHubReleaseHost repository(String owner, String repo) {
        return new GitHubReleaseHost(this, owner, repo);
    }

    /** The API base URL. */
    public URI endpoint() {
        return endpoint;
    }

    /** The guarded service name ({@code github}). */
    public String service() {
        return service;
    }

    /** Whether a token is configured (anonymous access sees public repositories only, at 60 requests an hour). */
    public boolean authenticated() {
        return authenticated;
    }

    /** The web host for messages: {@code github.com} for the public API, the server's host otherwise. */
    String webHost() {
        String host = endpoint.getHost().toLowerCase(Locale.ROOT);
        return host.equals("api.github.com") ? "github.com" : host;
    }

    GitHub github() {
        return github;
    }

    RawClient raw() {
        return raw;
    }

    GitHubErrors errors() {
        return errors;
    }

    @Override
    public String toString() {
        return "GitHubConnection[" + endpoint + (authenticated ? ", token set" : ", anonymous") + "]";
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Builds a {@link GitHubConnection}. */
    public static final class Builder {
        private URI endpoint = URI.create(GITHUB_API);
        private String token;
        private String service = "github";
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration responseTimeout = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * The API base URL: {@code https://api.github.com} (default), or {@code https://HOST/api/v3} for GitHub
         * Enterprise Server.
         *
         * @throws InvalidInputException when it is not an absolute http(s) URL without credentials, query or fragment
         */
        public Builder endpoint(String value) {
            URI u;
            try {
                u = URI.create(Objects.requireNonNull(value, "endpoint").strip());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("GitHub endpoint '" + value + "' is not a URL", e);
            }
            if (u.getScheme() == null
                    || !(u.getScheme().equalsIgnoreCase("https")
                            || u.getScheme().equalsIgnoreCase("http"))
                    || u.getHost() == null
                    || u.getUserInfo() != null
                    || u.getQuery() != null
                    || u.getFragment() != null) {
                throw new InvalidInputException("GitHub endpoint '" + value
                        + "' must be an absolute http(s) URL without credentials, query or fragment");
            }
            this.endpoint = URI.create(stripSlash(u.toString()));
            return this;
        }

        /** The token (a personal access token, a fine-grained token or an app installation token); null for none. */
        public Builder token(String value) {
            this.token = value == null || value.isBlank() ? null : value.strip();
            return this;
        }

        /** The guarded service name (default {@code github}). */
        public Builder service(String value) {
            this.service = Objects.requireNonNull(value, "service");
            return this;
        }

        /** The time limit for opening a connection (default 10 s). */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
            return this;
        }

        /** The time limit until response headers arrive (default 60 s); a streamed body may take longer. */
        public Builder responseTimeout(Duration value) {
            this.responseTimeout = Objects.requireNonNull(value, "responseTimeout");
            return this;
        }

        /** The clock rate-limit waits are computed with when GitHub sends no {@code Date} (tests). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Builds the connection; makes no request. */
        public GitHubConnection build() {
            return new GitHubConnection(this);
        }
    }
}
