package io.releasekit.api.github;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code releasekit.github.*}: the GitHub (or GitHub Enterprise) releasekit talks to. The token is never logged and
 * not part of {@link #toString()}.
 */
@ConfigurationProperties("releasekit.github")
public class GitHubProperties {

    private String endpoint = "https://api.github.com";
    private String token;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration responseTimeout = Duration.ofSeconds(60);
    private Path spoolDir;
    private Duration rateLimitWait = Duration.ofSeconds(5);

    /** The API base URL: {@code https://api.github.com}, or {@code https://HOST/api/v3} for GitHub Enterprise. */
    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    /** The token; unset means anonymous (public repositories, 60 requests an hour). */
    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }

    /** The time limit for opening a connection. */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** The time limit until response headers arrive; a streamed download may take longer. */
    public Duration getResponseTimeout() {
        return responseTimeout;
    }

    public void setResponseTimeout(Duration responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    /** Where release-to-stage spools downloads; unset for the system's temp directory. */
    public Path getSpoolDir() {
        return spoolDir;
    }

    public void setSpoolDir(Path spoolDir) {
        this.spoolDir = spoolDir;
    }

    /**
     * How long a REST request waits for GitHub's rate limit to reset before answering 429 with {@code Retry-After}
     * (default 5 s; 0 never waits).
     */
    public Duration getRateLimitWait() {
        return rateLimitWait;
    }

    public void setRateLimitWait(Duration rateLimitWait) {
        this.rateLimitWait = rateLimitWait == null ? Duration.ZERO : rateLimitWait;
    }

    @Override
    public String toString() {
        return "GitHubProperties[endpoint=" + endpoint + ", token=" + (token == null ? "unset" : "***") + "]";
    }
}
