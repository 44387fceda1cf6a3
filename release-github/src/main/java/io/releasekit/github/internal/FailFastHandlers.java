package io.releasekit.github.internal;

import java.io.IOException;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.connector.GitHubConnectorResponse;

/**
 * hub4j's rate-limit and abuse-limit handlers, set to fail at once instead of sleeping: the response is captured as a
 * {@link GitHubHttpException} and {@link GitHubErrors} turns it into a {@link io.releasekit.core.RateLimitedException}
 * with the wait computed from the headers. hub4j's own {@code WAIT} handlers would block a worker thread for up to an
 * hour; its {@code FAIL} handlers lose the headers.
 */
public final class FailFastHandlers {

    private FailFastHandlers() {}

    /** For a 403 with {@code X-RateLimit-Remaining: 0}. */
    public static final GitHubRateLimitHandler RATE_LIMIT = new GitHubRateLimitHandler() {
        @Override
        public void onError(GitHubConnectorResponse response) throws IOException {
            throw GitHubHttpException.of(response);
        }
    };

    /** For a 429, or a 403 with {@code Retry-After} (GitHub's secondary rate limits). */
    public static final GitHubAbuseLimitHandler ABUSE_LIMIT = new GitHubAbuseLimitHandler() {
        @Override
        public void onError(GitHubConnectorResponse response) throws IOException {
            throw GitHubHttpException.of(response);
        }
    };
}
